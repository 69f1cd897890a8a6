package io.milr.job;

import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.FeatureScaling;
import io.milr.data.IdxWriter;
import io.milr.data.LabeledImages;
import io.milr.model.TrainedModel;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.MnistText;
import io.milr.testing.TrainedRun;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data set read for the model of a real train run (standard scaling fitted on its 1,000 training
 * examples): scaled with that model's scaling, not one refitted on the new data, and refused when its
 * features or labels do not fit the model.
 */
class DataForModelTest {
    private static final Configuration CONF = new Configuration();

    /** The run's own config.properties with the user's --set overrides on top, as evaluate builds it. */
    private static JobConfig runConfig(String... overrides) {
        return JobConfig.from(ConfigSources.of(TrainedRun.get().dir().resolve("config.properties"), List.of(overrides)));
    }

    private static TrainedModel model() {
        return TrainedModel.load(TrainedRun.get().dir().toString(), CONF);
    }

    @Test
    void idxDataAreScaledWithTheModelsScaling() {
        TrainedModel model = model();

        DataForModel data = DataForModel.read(runConfig(), Mnist.TEST, 300, model, LocalSpark.context());

        assertEquals(300, data.size());
        assertEquals(300, Arrays.stream(data.classCounts()).sum());
        assertEquals(model.scaler(), data.scaler());
        List<DataSet> batches = data.minibatches(LocalSpark.context(), 100).collect();
        assertEquals(3, batches.size());
        LabeledImages raw = Mnist.test(300);
        assertScaledWith(model.scaler(), raw, batches);
        // A scaling refitted on these 300 examples would give other values: the check above tells them apart.
        FeatureScaler refitted = FeatureScaling.of(FeatureScaling.Method.STANDARD).fit(raw);
        assertNotEquals(refitted, model.scaler());
        assertEquals(raw.label(0), (int) batches.get(0).getLabels().getRow(0).argMax().getDouble(0));
    }

    @Test
    void csvAndLibSvmDataAreScaledWithTheModelsScaling(@TempDir Path dir) {
        TrainedModel model = model();
        LabeledImages raw = Mnist.test(50);
        Path csv = MnistText.csv(raw, dir.resolve("test.csv"));
        Path svm = MnistText.libsvm(raw, dir.resolve("test.svm"));

        DataForModel fromCsv = DataForModel.read(runConfig("data.format=csv"), csv.toString(), 0, model, LocalSpark.context());
        DataForModel fromSvm = DataForModel.read(runConfig("data.format=libsvm"), svm.toString(), 0, model, LocalSpark.context());

        assertScaledWith(model.scaler(), raw, fromCsv.minibatches(LocalSpark.context(), 20).collect());
        assertScaledWith(model.scaler(), raw, fromSvm.minibatches(LocalSpark.context(), 20).collect());
    }

    /** Every example's every feature is (raw - the model's offset) / its divisor, bit for bit as floats. */
    private static void assertScaledWith(FeatureScaler scaler, LabeledImages raw, List<DataSet> batches) {
        float[] offsets = scaler.offsets();
        float[] divisors = scaler.divisors();
        float[] row = new float[raw.numFeatures()];
        int example = 0;
        int nonTrivial = 0;
        for (DataSet batch : batches) {
            float[][] features = batch.getFeatures().toFloatMatrix();
            for (float[] scaled : features) {
                raw.copyFeatures(example, row, 0);
                for (int f = 0; f < row.length; f++) {
                    float expected = (row[f] - offsets[f]) / divisors[f];
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(scaled[f]),
                            "example " + example + " feature " + f + ": " + expected + " vs " + scaled[f]);
                    nonTrivial += row[f] != 0 && expected != row[f] / 255f ? 1 : 0;
                }
                example++;
            }
        }
        assertEquals(raw.size(), example);
        assertTrue(nonTrivial > 1000, "the model's scaling is not just /255: " + nonTrivial);
    }

    @Test
    void aFeatureCountOtherThanTheModelsIsRefused(@TempDir Path dir) throws IOException {
        TrainedModel model = model();
        String theModel = "the model in file:" + TrainedRun.get().dir();
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "3" + ",0".repeat(780) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataForModel.read(runConfig("data.format=csv"), csv.toString(), 0, model, LocalSpark.context()));
        assertEquals(csv.toUri().toString().replace("file:///", "file:/") + " line 1: 780 features, expected 784 ("
                + theModel + ") (separator ',')", e.getMessage());

        Path svm = dir.resolve("wide.svm");
        Files.writeString(svm, "3 1:5 785:7\n");
        e = assertThrows(DataFormatException.class,
                () -> DataForModel.read(runConfig("data.format=libsvm"), svm.toString(), 0, model, LocalSpark.context()));
        assertEquals(svm.toUri().toString().replace("file:///", "file:/") + " line 1: feature index 785 in '785:7';"
                + " expected indices 1..784 (" + theModel + " takes 784 features)", e.getMessage());

        LabeledImages small = new LabeledImages(20, 20, new byte[2 * 400], new byte[] {1, 2});
        String prefix = dir.resolve("small").toString();
        IdxWriter.write(prefix, small, CONF);
        e = assertThrows(DataFormatException.class, () -> DataForModel.read(runConfig(), prefix, 0, model, LocalSpark.context()));
        assertTrue(e.getMessage().endsWith("small-images-idx3-ubyte: 20x20 images, 400 features; " + theModel
                + " expects 784"), e.getMessage());
    }

    @Test
    void labelsOutsideTheModelsClassesAreRefused(@TempDir Path dir) throws IOException {
        TrainedModel model = model();
        String theModel = "the model in file:" + TrainedRun.get().dir();
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "3" + ",0".repeat(784) + "\n10" + ",0".repeat(784) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataForModel.read(runConfig("data.format=csv"), csv.toString(), 0, model, LocalSpark.context()));
        assertEquals(csv.toUri().toString().replace("file:///", "file:/") + " line 2 column 1: label 10 is not a class"
                + " index 0..9 (" + theModel + " has 10 classes)", e.getMessage());

        String prefix = dir.resolve("labels").toString();
        IdxWriter.write(prefix, new LabeledImages(28, 28, new byte[2 * 784], new byte[] {1, 12}), CONF);
        e = assertThrows(DataFormatException.class, () -> DataForModel.read(runConfig(), prefix, 0, model, LocalSpark.context()));
        assertTrue(e.getMessage().contains("labels-idx1-ubyte") && e.getMessage().endsWith("label 12 is not a class"
                + " index 0..9 (" + theModel + " has 10 classes)"), e.getMessage());
    }
}
