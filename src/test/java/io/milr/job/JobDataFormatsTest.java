package io.milr.job;

import io.milr.testing.ExamplesOnDriver;
import io.milr.testing.LocalSpark;

import io.milr.config.JobConfig;
import io.milr.data.Minibatches;
import io.milr.testing.Mnist;
import io.milr.testing.MnistText;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same MNIST slice as IDX, CSV and LibSVM becomes the same minibatches; scalings stay finite. */
class JobDataFormatsTest {
    private static final Configuration CONF = new Configuration();

    private static List<DataSet> batches(JobData data) {
        return Minibatches.of(ExamplesOnDriver.of(data.train()), data.scaler(), 100, data.numClasses(), 7);
    }

    @Test
    void idxCsvAndLibSvmOfTheSameExamplesGiveTheSameMinibatches(@TempDir Path dir) {
        Path csvTrain = MnistText.csv(Mnist.train(300), dir.resolve("csv/train/part-00000.csv"));
        MnistText.csv(Mnist.test(50), dir.resolve("csv/test.csv"));
        MnistText.libsvm(Mnist.train(300), dir.resolve("svm/train.svm"));
        MnistText.libsvm(Mnist.test(50), dir.resolve("svm/test.svm"));

        JobData idx = JobData.load(JobConfig.of("data.trainLimit=300", "data.testLimit=50"), LocalSpark.context());
        JobData csv = JobData.load(JobConfig.of("data.format=csv", "data.train=" + csvTrain.getParent(),
                "data.test=" + dir.resolve("csv/test.csv"), "data.scale=unit", "data.scaleMax=255"), LocalSpark.context());
        JobData libsvm = JobData.load(JobConfig.of("data.format=libsvm", "data.train=" + dir.resolve("svm/train.svm"),
                "data.test=" + dir.resolve("svm/test.svm"), "data.numFeatures=784", "data.imageShape=28x28",
                "data.scale=unit", "data.scaleMax=255"), LocalSpark.context());

        assertEquals(batches(idx), batches(csv));
        assertEquals(batches(idx), batches(libsvm));
        assertEquals("1x784", csv.shape().toString(), "a flat vector unless data.imageShape says otherwise");
        assertEquals("28x28", libsvm.shape().toString());
        assertEquals(10, csv.numClasses());
    }

    @Test
    void perFeatureScalingsKeepConstantPixelsFinite() {
        for (String scale : List.of("minmax", "standard")) {
            JobData data = JobData.load(JobConfig.of("data.trainLimit=300", "data.testLimit=50", "data.scale=" + scale),
                    LocalSpark.context());
            for (DataSet batch : batches(data)) {
                float[] values = batch.getFeatures().data().asFloat();
                for (float v : values) {
                    assertTrue(Float.isFinite(v), scale + " gives finite features (MNIST's corners are always 0)");
                }
            }
        }
    }
}
