package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.MnistText;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
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
 * User errors that show only once Spark runs (a task that finds bad data, a diverging run), and data
 * in the text formats trained end to end, through the command line on the shared local context.
 */
class MainOnSparkTest {
    /** A small MLP on an MNIST slice; leaky ReLUs at LR 50 overflow to NaN in the first epoch. */
    private static final List<String> SMALL_JOB = List.of("--set", "model.hidden=32", "--set", "train.epochs=2",
            "--set", "train.batchSize=50", "--set", "train.averagingFrequency=5", "--set", "train.workers=2",
            "--set", "mi.probeSize=500", "--set", "data.trainLimit=2000", "--set", "data.testLimit=200");
    private static final List<String> DIVERGING = List.of("--set", "model.activation=leakyrelu", "--set", "lr.max=50");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int train(Path run, List<String> job, String... more) {
        String[] args = Stream.of(Stream.of("train"), job.stream(), Stream.of(more), Stream.of("--out", run.toString()))
                .flatMap(s -> s).toArray(String[]::new);
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));
    }

    @Test
    void badDataFoundInAnExecutorTaskIsReportedOnceWithoutATrace(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("model.zip"), "an earlier run's model");

        // 255 / 1e-40 overflows a float: the scaled pixels, not the values read, are infinite.
        int status = train(run, SMALL_JOB, "--set", "data.scaleMax=1e-40", "--overwrite");

        assertEquals(2, status, err.toString());
        String message = err.toString();
        assertTrue(message.matches("milr: the scaled training set, partition \\d+: \\d+ feature value\\(s\\) are NaN or"
                + " infinite \\(first: feature \\d+ of example \\d+ in minibatch \\d+ is Infinity\\); expected finite"
                + " numbers. The values read were finite, so the feature scaling made them: check data.scale and"
                + " data.scaleMax\n"), message);
        assertFalse(message.contains("\tat ") || message.contains("SparkException"), message);
        assertEquals("an earlier run's model", Files.readString(run.resolve("model.zip")));
        assertEquals(1, Files.list(run).count(), "nothing written");
    }

    @Test
    void aDivergingRunStopsWithAMessageAndKeepsTheLastGoodModel(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("notes.txt"), "mine");
        Files.writeString(run.resolve("model.zip"), "an earlier run's model");

        int status = train(run, SMALL_JOB, Stream.concat(DIVERGING.stream(), Stream.of("--overwrite"))
                .toArray(String[]::new));

        assertEquals(2, status, err.toString());
        assertEquals("milr: training diverged in epoch 1 (loss NaN, 25450 of 25450 parameters NaN or infinite) at lr"
                + " 50.0; the model in file:" + run + " is the one from epoch 0; lower lr.max (now 50.0)\n", err.toString());
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile(), true);
        MultiLayerNetwork initial = ModelSpec.of("mlp", new int[] {32}, "leakyrelu").build(28, 28, 10, 42, 50);
        assertEquals(initial.params(), saved.params(), "model.zip holds epoch 0's network, not the diverged one");
        assertEquals(1, Files.readAllLines(run.resolve("metrics.jsonl")).size(), "metrics of epoch 0 only");
        assertEquals("mine", Files.readString(run.resolve("notes.txt")));
    }

    @Test
    void rollbackHalvesLrMaxUntilTheEpochTrainsAndFinishes(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");

        int status = train(run, SMALL_JOB, Stream.concat(DIVERGING.stream(),
                Stream.of("--set", "train.onDivergence=rollback", "--set", "lr.min=0.01")).toArray(String[]::new));

        assertEquals(0, status, err.toString());
        String console = out.toString();
        assertTrue(console.contains("epoch  1/2 diverged (loss NaN, 25450 of 25450 parameters NaN or infinite) at lr"
                + " 50.0: back to epoch 0, lr.max halved to 25.0, training the epoch again"), console);
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, metrics.size(), "epochs 0, 1 and 2, each once");
        ObjectMapper json = new ObjectMapper();
        for (String line : metrics.subList(1, 3)) {
            JsonNode epoch = json.readTree(line);
            assertTrue(Double.isFinite(epoch.get("train_loss").asDouble()));
            for (JsonNode lr : epoch.get("lr")) {
                assertTrue(lr.asDouble() <= 25, "LRs capped by the lowered lr.max: " + line);
            }
        }
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile(), true);
        assertTrue(Double.isFinite(saved.params().sumNumber().doubleValue()));
    }

    @Test
    void trainsOnADirectoryOfCsvParts(@TempDir Path dir) throws Exception {
        MnistText.csv(Mnist.train(1000).first(600), dir.resolve("train/part-00000.csv"));
        Files.writeString(dir.resolve("train/_SUCCESS"), "");
        Path test = MnistText.csv(Mnist.test(200), dir.resolve("test.csv"));

        int status = train(dir.resolve("run"), SMALL_JOB, "--set", "data.format=csv",
                "--set", "data.train=" + dir.resolve("train"), "--set", "data.test=" + test,
                "--set", "data.scale=standard", "--set", "train.epochs=1");

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("on 600 training / 200 test examples, 10 classes"), out.toString());
        JsonNode last = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("run/metrics.jsonl")).get(1));
        assertTrue(last.get("test_accuracy").asDouble() > 0.5, "learns from CSV: " + last);
    }
}
