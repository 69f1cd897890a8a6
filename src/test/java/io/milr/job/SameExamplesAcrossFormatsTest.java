package io.milr.job;

import io.milr.config.JobConfig;
import io.milr.data.LabeledImages;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingData;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.MnistTables;
import io.milr.testing.MnistTables.Layout;
import io.milr.testing.MnistText;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same 300 MNIST training and 50 test examples as IDX, CSV, LibSVM, and Parquet written by Spark
 * (a Vector column, dense and sparse; an array column; 784 numeric columns), ORC and JSON lines become
 * the same shuffled training blocks and the same test minibatches, on the local file system and on
 * HDFS.
 */
class SameExamplesAcrossFormatsTest {
    private static final LabeledImages TRAIN = Mnist.train(300);
    private static final LabeledImages TEST = Mnist.test(50);
    private static final String UNIT = "data.scale=unit";
    private static final String MAX = "data.scaleMax=255";

    /** Every training block and test minibatch the trainer would get, in order. */
    private static List<DataSet> minibatches(String... settings) {
        JobConfig config = JobConfig.of(settings);
        JobData data = JobData.load(config, LocalSpark.context());
        TrainerSettings trainer = TrainJob.trainerSettings(config);
        TrainingData rdds = data.toRdds(LocalSpark.context(), trainer);
        try {
            List<DataSet> all = new ArrayList<>(rdds.blocks(IntStream.range(0, rdds.numBlocks()).toArray()).collect());
            all.addAll(rdds.test().collect());
            return all;
        } finally {
            rdds.release();
        }
    }

    private static List<DataSet> idx() {
        return minibatches("data.trainLimit=300", "data.testLimit=50", "train.batchSize=32",
                "train.averagingFrequency=2");
    }

    private static List<DataSet> table(String format, String train, String test, String... more) {
        List<String> settings = new ArrayList<>(List.of("data.format=" + format, "data.train=" + train,
                "data.test=" + test, UNIT, MAX, "data.imageShape=28x28", "train.batchSize=32",
                "train.averagingFrequency=2"));
        settings.addAll(List.of(more));
        return minibatches(settings.toArray(new String[0]));
    }

    @Test
    void everyFormatGivesTheSameMinibatchesOnTheLocalFileSystem(@TempDir Path dir) {
        List<DataSet> expected = idx();
        assertEquals(10 + 1, expected.size(), "300 examples in blocks of 2 x 32 = 5 blocks of 2, and 1 test batch");

        MnistText.csv(TRAIN, dir.resolve("csv/train/part-00000.csv"));
        MnistText.csv(TEST, dir.resolve("csv/test.csv"));
        assertEquals(expected, table("csv", dir.resolve("csv/train").toString(), dir.resolve("csv/test.csv").toString()),
                "CSV");
        MnistText.libsvm(TRAIN, dir.resolve("svm/train.svm"));
        MnistText.libsvm(TEST, dir.resolve("svm/test.svm"));
        assertEquals(expected, table("libsvm", dir.resolve("svm/train.svm").toString(),
                dir.resolve("svm/test.svm").toString(), "data.numFeatures=784"), "LibSVM");
        for (Layout layout : Layout.values()) {
            String train = MnistTables.parquet(TRAIN, layout, dir.resolve(layout + "/train.parquet").toString());
            String test = MnistTables.parquet(TEST, layout, dir.resolve(layout + "/test.parquet").toString());
            String[] columns = layout == Layout.COLUMNS ? new String[] {"data.featureCols=pixel*"} : new String[0];
            assertEquals(expected, table("parquet", train, test, columns), "Parquet, " + layout);
        }
        String orc = dir.resolve("orc").toString();
        MnistTables.frame(TRAIN, Layout.VECTOR).coalesce(1).write().orc(orc + "/train");
        MnistTables.frame(TEST, Layout.VECTOR).coalesce(1).write().orc(orc + "/test");
        assertEquals(expected, table("orc", orc + "/train", orc + "/test"), "ORC, vectors (stored as structs)");
        String json = dir.resolve("json").toString();
        MnistTables.frame(TRAIN, Layout.ARRAY).coalesce(1).write().json(json + "/train");
        MnistTables.frame(TEST, Layout.ARRAY).coalesce(1).write().json(json + "/test");
        assertEquals(expected, table("json", json + "/train", json + "/test"), "JSON lines, arrays");
        assertEquals(expected, table("spark", json + "/train", json + "/test", "data.spark.format=json",
                "data.spark.option.primitivesAsString=false"), "a source by name, with an option");
    }

    @Test
    void parquetOnHdfsGivesTheSameMinibatches(@TempDir Path dir) throws IOException {
        List<DataSet> expected = idx();
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(new Configuration(), dir.toFile()).numDataNodes(1).build();
        try {
            hdfs.waitActive();
            String root = hdfs.getURI() + "/tables";
            String train = MnistTables.parquet(TRAIN, Layout.VECTOR, root + "/train.parquet");
            String test = MnistTables.parquet(TEST, Layout.VECTOR, root + "/test.parquet");
            assertEquals(expected, table("parquet", train, test), "Parquet on HDFS");
        } finally {
            hdfs.shutdown();
        }
    }
}
