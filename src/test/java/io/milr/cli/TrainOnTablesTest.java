package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.data.LabeledImages;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.MnistTables;
import io.milr.testing.MnistTables.Layout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on Spark SQL tables through the command line, on the shared local context: what a Spark ML
 * pipeline writes (string labels, a test split, a catalog table) trains; what is wrong with a table is
 * one line naming the table, the row or the column, what was found and what was expected, before the
 * run directory exists.
 */
class TrainOnTablesTest {
    private static final LabeledImages TRAIN = Mnist.train(600);
    private static final List<String> SMALL_JOB = List.of("--set", "model.hidden=16", "--set", "train.epochs=1",
            "--set", "train.batchSize=50", "--set", "train.averagingFrequency=2", "--set", "mi.probeSize=200",
            "--set", "data.scale=unit", "--set", "data.scaleMax=255");

    @TempDir
    static Path dir;
    private static String vectors;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeTables() {
        vectors = MnistTables.parquet(TRAIN, Layout.VECTOR, dir.resolve("vectors.parquet").toString());
    }

    private int train(Path run, String... settings) {
        String[] args = Stream.of(Stream.of("train"), SMALL_JOB.stream(), Stream.of(settings),
                Stream.of("--out", run.toString())).flatMap(s -> s).toArray(String[]::new);
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));
    }

    private void assertRefused(String message, String... settings) {
        Path run = dir.resolve("refused-" + System.nanoTime());
        err.reset();
        int status = train(run, settings);
        assertEquals("milr: " + message + "\n", err.toString());
        assertEquals(2, status);
        assertFalse(Files.exists(run), "no run directory for a refused run");
    }

    private static String parquetOf(Dataset<Row> frame, String name) {
        String uri = dir.resolve(name).toString();
        frame.coalesce(1).write().mode("overwrite").parquet(uri);
        return uri;
    }

    @Test
    void stringLabelsAreIndexedByFrequencyAndTheTestSetIsSplitOffBySeed() throws Exception {
        Dataset<Row> named = MnistTables.frame(TRAIN, Layout.ARRAY)
                .withColumn("digit", functions.concat(functions.lit("digit-"), functions.col("label").cast("int")))
                .drop("label");
        String table = parquetOf(named, "named.parquet");
        Path run = dir.resolve("named-run");

        int status = train(run, "--set", "data.format=parquet", "--set", "data.train=" + table,
                "--set", "data.labelCol=digit", "--set", "data.testFraction=0.2");

        assertEquals(0, status, err.toString());
        JsonNode model = new ObjectMapper().readTree(run.resolve("model.json").toFile());
        List<Row> counts = named.groupBy("digit").count().orderBy(functions.desc("count"), functions.asc("digit"))
                .collectAsList();
        JsonNode names = model.path("labels").path("names");
        assertEquals(10, names.size(), model.path("labels").toString());
        for (int k = 0; k < 10; k++) {
            assertEquals(counts.get(k).getString(0), names.get(k).asText(), "class " + k + ": StringIndexer's order");
        }
        Dataset<Row>[] split = MnistTables.spark().read().parquet(table).randomSplit(new double[] {0.8, 0.2}, 42);
        assertTrue(out.toString().contains(" on " + split[0].count() + " training / " + split[1].count()
                + " test examples"), "the split is Spark's randomSplit with train.seed: " + out);

        // predict maps the table's strings through the model's names and names its predictions.
        Path predictions = dir.resolve("named-predictions");
        status = Main.run(new String[] {"predict", "--model", run.toString(), "--data", table, "--out",
            predictions.toString()}, new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));
        assertEquals(0, status, err.toString());
        Dataset<Row> predicted = MnistTables.spark().read().parquet(predictions.toString());
        assertEquals(600, predicted.count());
        List<String> classes = new java.util.ArrayList<>();
        names.forEach(n -> classes.add(n.asText()));
        for (Row row : predicted.select("prediction", "predictedLabel").collectAsList()) {
            assertEquals(classes.get((int) row.getDouble(0)), row.getString(1));
        }
    }

    @Test
    void aCatalogTableAndNumericColumnsByGlobTrainAndTheModelReadsItsColumnsBack() throws Exception {
        MnistTables.frame(TRAIN, Layout.COLUMNS).createOrReplaceTempView("digits");
        Path run = dir.resolve("table-run");

        int status = train(run, "--set", "data.format=table", "--set", "data.train=digits", "--set", "data.test=digits",
                "--set", "data.featureCols=pixel*");

        assertEquals(0, status, err.toString());
        JsonNode input = new ObjectMapper().readTree(run.resolve("model.json").toFile()).path("input");
        assertEquals(784, input.path("feature_columns").size(), input.toString().substring(0, 80));
        assertEquals("pixel783", input.path("feature_columns").get(783).asText());

        // The model reads its own columns back from a table (no data.featureCols needed).
        Path evaluation = dir.resolve("table-evaluation");
        status = Main.run(new String[] {"evaluate", "--model", run.toString(), "--data", "digits", "--set",
            "data.featureCols=", "--out", evaluation.toString()}, new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("milr: 600 examples: accuracy"), out.toString());
    }

    @Test
    void wrongColumnsAreNamedWithTheSchema() {
        String where = "data.train = " + vectors;
        assertRefused(where + ": no column 'lable' (data.labelCol); did you mean 'label'? The columns are label (double),"
                + " features (vector).", "--set", "data.format=parquet", "--set", "data.train=" + vectors,
                "--set", "data.test=" + vectors, "--set", "data.labelCol=lable");
        assertRefused(where + ": features column 'label' is double; expected an MLlib Vector (VectorAssembler's"
                        + " output) or an array of numbers, or name numeric columns with data.featureCols",
                "--set", "data.format=parquet", "--set", "data.train=" + vectors, "--set", "data.test=" + vectors,
                "--set", "data.featuresCol=label");
        assertRefused(where + ": label column 'features' is vector; expected class indices 0..K-1 of any number type"
                        + " (double as MLlib writes them, int, long, ...) or strings (indexed as data.labelIndexing says)",
                "--set", "data.format=parquet", "--set", "data.train=" + vectors, "--set", "data.test=" + vectors,
                "--set", "data.labelCol=features");
        String missing = dir.resolve("missing.parquet").toString();
        assertRefused("data.train = " + missing + ": no such file or directory; expected a parquet file or a"
                        + " directory of them", "--set", "data.format=parquet", "--set", "data.train=" + missing,
                "--set", "data.test=" + vectors);
    }

    @Test
    void badRowsAreNamedByNumberAndANullCanBeSkipped() {
        Dataset<Row> frame = MnistTables.frame(TRAIN, Layout.ARRAY);
        Dataset<Row> withNull = frame.withColumn("label", functions.when(functions.monotonically_increasing_id()
                .equalTo(7), functions.lit(null)).otherwise(functions.col("label")));
        String nulls = parquetOf(withNull, "nulls.parquet");
        String where = "data.train = " + nulls + " row 7: column 'label' is null; expected a label (or data.nulls=skip"
                + " to skip such rows) (in file ";
        Path run = dir.resolve("nulls-run");
        int status = train(run, "--set", "data.format=parquet", "--set", "data.train=" + nulls, "--set",
                "data.test=" + vectors);
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("milr: " + where) && err.toString().endsWith(".parquet)\n")
                && err.toString().lines().count() == 1, err.toString());
        assertFalse(Files.exists(run));

        err.reset();
        status = train(run, "--set", "data.format=parquet", "--set", "data.train=" + nulls, "--set",
                "data.test=" + vectors, "--set", "data.nulls=skip");
        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("milr: skipped 1 row(s) of data.train and data.test holding a null"),
                out.toString());

        Dataset<Row> shortRow = frame.withColumn("features", functions.when(functions.monotonically_increasing_id()
                .equalTo(11), functions.slice(functions.col("features"), 1, 700)).otherwise(functions.col("features")));
        String ragged = parquetOf(shortRow, "ragged.parquet");
        err.reset();
        status = train(dir.resolve("ragged-run"), "--set", "data.format=parquet", "--set", "data.train=" + ragged,
                "--set", "data.test=" + vectors);
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("milr: data.train = " + ragged + " row 11: 700 features, expected 784"
                + " (like the partition's first row) (in file "), err.toString());

        Dataset<Row> outOfRange = frame.withColumn("label", functions.when(functions.monotonically_increasing_id()
                .equalTo(3), functions.lit(2.5)).otherwise(functions.col("label")));
        String fractional = parquetOf(outOfRange, "fractional.parquet");
        err.reset();
        status = train(dir.resolve("fractional-run"), "--set", "data.format=parquet", "--set",
                "data.train=" + fractional, "--set", "data.test=" + vectors);
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("milr: data.train = " + fractional + " row 3: label 2.5 in column 'label'"
                + " is not a whole number; expected a class index 0..999"), err.toString());
    }
}
