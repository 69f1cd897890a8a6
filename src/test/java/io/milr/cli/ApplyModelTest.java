package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.LocalSpark;
import io.milr.testing.ShortRun;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code evaluate} and {@code predict} on the model of a real train run, through the command line:
 * on the run's own test examples, evaluate's accuracy is exactly the accuracy the run measured after
 * its last epoch (the same network, the same scaling read back from the run directory), and predict's
 * Parquet table holds one row per example whose predictions give that accuracy again.
 */
class ApplyModelTest {
    private static final int TEST_EXAMPLES = 500;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true), SparkContexts.lent(LocalSpark.context()));
    }

    @Test
    void evaluateAndPredictReproduceTheRunsOwnTestAccuracy(@TempDir Path dir) throws Exception {
        Path model = ShortRun.get().dir();
        double measured = RunMetrics.read(RunDirectory.open(model.toString(), new Configuration())).lastEpoch().testAccuracy();

        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", "data/mnist/t10k",
                "--limit", String.valueOf(TEST_EXAMPLES), "--out", dir.resolve("eval").toString()), err.toString());
        JsonNode evaluation = new ObjectMapper().readTree(dir.resolve("eval/evaluation.json").toFile());
        assertEquals(TEST_EXAMPLES, evaluation.get("n").asLong());
        assertEquals(measured, evaluation.get("accuracy").asDouble(), "the run's own test accuracy after its last epoch");
        assertTrue(Files.exists(dir.resolve("eval/evaluation.md")) && Files.exists(dir.resolve("eval/evaluation-confusion.png")));
        assertTrue(out.toString().contains("milr: 500 examples: accuracy "), out.toString());

        Path predictions = dir.resolve("predictions");
        assertEquals(0, run("predict", "--model", model.toString(), "--data", "data/mnist/t10k",
                "--limit", String.valueOf(TEST_EXAMPLES), "--out", predictions.toString()), err.toString());
        Dataset<Row> table = SparkSession.builder().sparkContext(LocalSpark.context().sc()).getOrCreate()
                .read().parquet(predictions.toString());
        assertEquals(TEST_EXAMPLES, table.count());
        assertEquals(TEST_EXAMPLES, table.select("index").distinct().count(), "every example once");
        long right = table.filter("prediction = label").count();
        assertEquals(measured, (double) right / TEST_EXAMPLES, 1e-12);
        assertTrue(out.toString().contains("milr: 500 predictions written: file:" + predictions), out.toString());
    }

    @Test
    void predictRefusesWhatItCannotWriteBeforeSparkWorks(@TempDir Path dir) throws Exception {
        String model = ShortRun.get().dir().toString();
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "earlier");

        assertEquals(2, run("predict", "--model", model, "--data", "data/mnist/t10k", "--out", existing.toString()));
        assertEquals("milr: --out " + existing + ": already exists. Choose a new directory, or pass --overwrite to replace"
                + " it once the new predictions are complete.\n", err.toString());
        assertEquals("earlier", Files.readString(existing.resolve("keep.txt")));
        err.reset();

        assertEquals(2, run("predict", "--model", model, "--data", "data/mnist/t10k", "--out", dir.resolve("x").toString(),
                "--format", "csv", "--probability", "vector"));
        assertTrue(err.toString().startsWith("milr: --probability vector: CSV has no vector columns"), err.toString());
        err.reset();

        assertEquals(2, run("predict", "--model", dir.resolve("no-run").toString(), "--data", "data/mnist/t10k",
                "--out", dir.resolve("y").toString()));
        assertTrue(err.toString().startsWith("milr: ") && err.toString().contains("no-run"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
