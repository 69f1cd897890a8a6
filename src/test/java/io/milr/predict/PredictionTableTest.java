package io.milr.predict;

import io.milr.config.ConfigException;
import io.milr.spark.ExampleSet;
import io.milr.data.FeatureScaler;
import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.model.ModelSpec;
import io.milr.report.RunDirectoryException;
import io.milr.spark.BatchPrediction;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Predictions made on the executors, written by Spark itself as Parquet (probabilities an array or an
 * MLlib Vector) and CSV, read back: one row per example, each the network's own output on the driver
 * for the same scaled features, nothing left under a temporary name.
 */
class PredictionTableTest {
    private static final int EXAMPLES = 300;
    private static final LabeledImages IMAGES = Mnist.test(EXAMPLES);
    private static final FeatureScaler SCALER = FeatureScaling.unit(255).fit(IMAGES);
    private static MultiLayerNetwork network;
    private static float[][] expected;

    @BeforeAll
    static void trainBriefly() {
        network = ModelSpec.of("mlp", new int[] {16}, "relu").build(28, 28, 10, 7, 0.1);
        List<DataSet> batches = Minibatches.of(IMAGES, SCALER, 50, 10, -1);
        batches.forEach(network::fit);
        expected = new float[EXAMPLES][];
        int row = 0;
        for (DataSet batch : batches) {
            INDArray output = network.output(batch.getFeatures(), false);
            for (int i = 0; i < output.rows(); i++) {
                expected[row++] = output.getRow(i).toFloatVector();
            }
        }
    }

    private static PredictionTable table() {
        // Slices of 70: the last is short, and slices are not multiples of the batch size.
        ExampleSet set = ExampleSet.inMemory(IMAGES, 70);
        return new PredictionTable(BatchPrediction.of(LocalSpark.context(), set, SCALER, network, 32), 10);
    }

    private static SparkSession spark() {
        return SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate();
    }

    @Test
    void namedClassesAddAPredictedLabelColumn() {
        List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        ExampleSet set = ExampleSet.inMemory(IMAGES, 70);
        PredictionTable named = new PredictionTable(BatchPrediction.of(LocalSpark.context(), set, SCALER, network, 32),
                10, names);

        Dataset<Row> frame = named.frame(spark(), PredictionFormat.PARQUET_VECTOR);
        assertEquals(List.of("index", "label", "prediction", "predictedLabel", "probability"), List.of(frame.columns()));
        for (Row row : frame.collectAsList()) {
            assertEquals(names.get((int) row.getDouble(2)), row.getString(3), "example " + row.getLong(0));
        }
    }

    @Test
    void parquetWithAnArrayColumnHoldsTheNetworksOwnPredictionForEveryExample(@TempDir Path dir) {
        String written = table().write(spark(), PredictionFormat.PARQUET_ARRAY, dir.resolve("out").toString(), false,
                new Configuration());

        Dataset<Row> back = spark().read().parquet(written);
        assertEquals(List.of("index", "label", "prediction", "probability"), List.of(back.columns()));
        List<Row> rows = back.orderBy("index").collectAsList();
        assertEquals(EXAMPLES, rows.size());
        for (int i = 0; i < EXAMPLES; i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getLong(0));
            assertEquals(IMAGES.label(i), row.getDouble(1), "the input's label");
            List<Double> probability = row.getList(3);
            float[] got = new float[probability.size()];
            for (int k = 0; k < got.length; k++) {
                got[k] = probability.get(k).floatValue();
            }
            assertArrayEquals(expected[i], got, 1e-6f, "example " + i);
            assertEquals(argmax(expected[i]), row.getDouble(2), "example " + i);
        }
        assertNoTemporaryLeft(dir);
    }

    @Test
    void parquetWithAVectorColumnAndCsvWithAColumnPerClass(@TempDir Path dir) {
        String vectors = table().write(spark(), PredictionFormat.PARQUET_VECTOR, dir.resolve("vectors").toString(), false,
                new Configuration());
        Dataset<Row> back = spark().read().parquet(vectors);
        assertEquals(SQLDataTypes.VectorType(), back.schema().apply("probability").dataType());
        Vector first = back.orderBy("index").first().getAs("probability");
        assertEquals(expected[0][3], first.apply(3), 1e-6);

        String csv = table().write(spark(), PredictionFormat.CSV, dir.resolve("csv").toString(), false, new Configuration());
        Dataset<Row> text = spark().read().option("header", "true").option("inferSchema", "true").csv(csv);
        assertEquals(13, text.columns().length, "index, label, prediction and probability_0..9");
        assertEquals("probability_9", text.columns()[12]);
        assertEquals(EXAMPLES, text.count());
        Row row = text.orderBy("index").collectAsList().get(5);
        assertEquals(expected[5][9], ((Number) row.getAs("probability_9")).doubleValue(), 1e-6);
        assertNoTemporaryLeft(dir);
    }

    @Test
    void anExistingOutputIsKeptUnlessOverwritten(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "earlier");

        assertThrows(RunDirectoryException.class, () -> table().write(spark(), PredictionFormat.PARQUET_ARRAY,
                out.toString(), false, new Configuration()));
        assertEquals("earlier", Files.readString(out.resolve("keep.txt")));
        assertNoTemporaryLeft(dir);

        table().write(spark(), PredictionFormat.PARQUET_ARRAY, out.toString(), true, new Configuration());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertEquals(EXAMPLES, spark().read().parquet(out.toString()).count());
    }

    @Test
    void formatsAreCheckedByName() {
        assertEquals(PredictionFormat.PARQUET_VECTOR, PredictionFormat.of("Parquet", "vector"));
        assertEquals("--probability vector: CSV has no vector columns; CSV gets one column per class (probability_0,"
                + " probability_1, ...), or use --format parquet",
                assertThrows(ConfigException.class, () -> PredictionFormat.of("csv", "vector")).getMessage());
        assertEquals("--format orc: expected parquet or csv",
                assertThrows(ConfigException.class, () -> PredictionFormat.of("orc", "array")).getMessage());
    }

    private static void assertNoTemporaryLeft(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> hidden = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertTrue(hidden.isEmpty(), "temporary output left behind: " + hidden);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
