package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.model.TrainedModel;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import io.milr.testing.ProjectJvm;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Driver loss (issue 5): a real driver JVM is killed with SIGKILL after epoch 2 of 4, and
 * {@code train --resume} finishes its run exactly as an uninterrupted run with the same seed ends:
 * the same per-epoch LRs, the same MI and tables, the same final network. Also: what a crash during
 * a checkpoint write leaves (a temporary directory, a checkpoint cut short) is skipped, and the
 * errors of {@code --resume} on bad input.
 */
class ResumeTest {
    private static final double LR_MAX = 0.2;
    /** MNIST slice, layer mode; with this threshold the LRs first decay after epoch 4, after the resume. */
    private static final List<String> JOB = List.of("--set", "model.hidden=64", "--set", "lr.mode=layer",
            "--set", "mi.threshold=0.02", "--set", "lr.max=" + LR_MAX, "--set", "train.epochs=4",
            "--set", "train.batchSize=50", "--set", "train.averagingFrequency=5", "--set", "train.workers=2",
            "--set", "mi.probeSize=1000", "--set", "data.train=" + Mnist.TRAIN, "--set", "data.test=" + Mnist.TEST,
            "--set", "data.trainLimit=3000", "--set", "data.testLimit=500", "--set", "spark.master=local[2]");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    /** The run never interrupted. */
    private static Path uninterrupted;
    /** The run whose driver JVM was killed after the epoch-2 checkpoint, as it was left. */
    private static Path killed;
    private static String killedLog;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void runOnceUninterruptedAndOnceKilled() throws Exception {
        Mnist.train(1);
        uninterrupted = shared.resolve("uninterrupted");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int status = Main.run(args("train", "--out", uninterrupted.toString()), new PrintStream(console, true),
                new PrintStream(console, true), SparkContexts.lent(LocalSpark.context()));
        assertEquals(0, status, console.toString());

        killed = shared.resolve("killed");
        Path epoch2 = killed.resolve("checkpoints/epoch-0002");
        try (ProjectJvm driver = ProjectJvm.start("2g", shared.resolve("driver.log"), Main.class.getName(),
                args("train", "--out", killed.toString()))) {
            driver.awaitWhileAlive(() -> Files.isDirectory(epoch2), Duration.ofSeconds(180), "the epoch-2 checkpoint");
            assertEquals(137, driver.killHard(), "killed by SIGKILL");
            killedLog = driver.log();
        }
    }

    private static String[] args(String... first) {
        return Stream.concat(Stream.of(first), JOB.stream()).toArray(String[]::new);
    }

    private int resume(Path run, String... more) {
        String[] args = Stream.concat(Stream.of("train", "--resume", run.toString()), Stream.of(more)).toArray(String[]::new);
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true), SparkContexts.lent(LocalSpark.context()));
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes(@TempDir Path dir) throws Exception {
        assertFalse(killedLog.contains("epoch  4/4"), "the driver was killed before the end:\n" + killedLog);
        Path run = copy(killed, dir.resolve("run"));

        int status = resume(run);

        assertEquals(0, status, err.toString());
        int resumedAfter = resumedAfter(out.toString());
        assertTrue(resumedAfter == 2 || resumedAfter == 3, "resumed after epoch 2 (3 if the kill came late): " + out);
        assertSameRun(uninterrupted, run);
        assertTrue(Files.exists(run.resolve("report.html")));
        assertSameModel(uninterrupted, run);
    }

    /**
     * A run trained before milr wrote model.json: --resume of the finished run (no epoch left to train)
     * writes model.zip, network.json and model.json from its last checkpoint and its training data,
     * as the message that refuses to load it says.
     */
    @Test
    void resumingARunFromBeforeModelJsonWritesItsModelFiles(@TempDir Path dir) throws Exception {
        Path run = copy(uninterrupted, dir.resolve("run"));
        Files.delete(run.resolve("model.json"));
        Files.delete(run.resolve("network.json"));

        int status = resume(run);

        assertEquals(0, status, err.toString());
        assertEquals(4, resumedAfter(out.toString()), out.toString());
        assertSameModel(uninterrupted, run);
    }

    /** The model files load, and as the expected run's: parameters, scaling, input and classes. */
    private static void assertSameModel(Path expectedRun, Path actualRun) {
        TrainedModel want = TrainedModel.load(expectedRun.toString(), new Configuration());
        TrainedModel got = TrainedModel.load(actualRun.toString(), new Configuration());
        assertEquals(want.network().params(), got.network().params());
        assertEquals(want.scaler(), got.scaler());
        assertEquals(want.input(), got.input());
        assertEquals(want.labels(), got.labels());
    }

    /**
     * The state a crash during the write of checkpoint 4 leaves, made directly: its temporary directory
     * with a partial model, and a checkpoint 3 cut short, as an object store's rename that stopped
     * half-way (or an interrupted copy of the run directory) leaves it; metrics.jsonl already holds
     * epoch 3. Resuming skips both, names them, and goes on from checkpoint 2.
     */
    @Test
    void leftoversOfAnInterruptedWriteAreSkippedAndThePreviousCheckpointIsUsed(@TempDir Path dir) throws Exception {
        Path run = copy(killed, dir.resolve("run"));
        Path checkpoints = run.resolve("checkpoints");
        for (String name : list(checkpoints)) {
            if (!name.equals("epoch-0001") && !name.equals("epoch-0002")) {
                deleteTree(checkpoints.resolve(name));
            }
        }
        Path cutShort = copy(uninterrupted.resolve("checkpoints/epoch-0003"), checkpoints.resolve("epoch-0003"));
        byte[] model = Files.readAllBytes(cutShort.resolve("model.zip"));
        Files.write(cutShort.resolve("model.zip"), java.util.Arrays.copyOf(model, model.length / 2));
        Path temporary = Files.createDirectories(checkpoints.resolve(".epoch-0004.5f0c2a.tmp"));
        Files.write(temporary.resolve("model.zip"), java.util.Arrays.copyOf(
                Files.readAllBytes(uninterrupted.resolve("checkpoints/epoch-0004/model.zip")), 4096));
        List<String> metrics = Files.readAllLines(uninterrupted.resolve("metrics.jsonl"));
        Files.write(run.resolve("metrics.jsonl"), metrics.subList(0, 4));

        int status = resume(run);

        assertEquals(0, status, err.toString());
        String console = out.toString();
        assertEquals(2, resumedAfter(console), console);
        assertTrue(console.contains("milr: skipped checkpoint epoch-0003: model.zip has " + model.length / 2
                + " bytes, state.json records " + model.length + " (cut short?)"), console);
        assertTrue(console.contains("milr: skipped checkpoint .epoch-0004.5f0c2a.tmp: a write that never finished"), console);
        assertSameRun(uninterrupted, run);
        assertSameModel(uninterrupted, run);
        assertEquals(List.of("epoch-0003", "epoch-0004"), list(checkpoints), "complete ones replace the leftovers");
    }

    /**
     * YARN cluster mode: when the ApplicationMaster's driver is lost, YARN runs {@code main} again with
     * the same arguments. That later attempt finds the run directory tagged with its own application's
     * id and continues it from the last checkpoint, ending where the uninterrupted run does; a
     * directory that another application started is refused, as any earlier run's is.
     */
    @Test
    void aLaterYarnAttemptContinuesTheRunItsOwnApplicationStarted(@TempDir Path dir) throws Exception {
        Path run = copy(killed, dir.resolve("run"));
        Files.writeString(run.resolve(YarnAttempt.TAG_FILE), "application_1700000000000_0001\n");
        Path other = copy(killed, dir.resolve("other"));
        Files.writeString(other.resolve(YarnAttempt.TAG_FILE), "application_1700000000000_0002\n");

        int status = asYarnApplication("application_1700000000000_0001", "train", "--out", run.toString());

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("milr: a later attempt of YARN application application_1700000000000_0001:"
                + " continuing " + run + " from its checkpoint of epoch "), out.toString());
        assertSameRun(uninterrupted, run);
        assertEquals(2, asYarnApplication("application_1700000000000_0001", "train", "--out", other.toString()));
        assertTrue(err.toString().startsWith("milr: --out " + other + ": already holds "), err.toString());
    }

    /** Main.run as the driver of YARN application {@code id} in cluster mode, where the ApplicationMaster sets it. */
    private int asYarnApplication(String id, String... first) {
        System.setProperty("spark.yarn.app.id", id);
        try {
            return Main.run(args(first), new PrintStream(out, true), new PrintStream(err, true),
                    SparkContexts.lent(LocalSpark.context()));
        } finally {
            System.clearProperty("spark.yarn.app.id");
        }
    }

    @Test
    void resumeRefusesWhatItCannotContinue(@TempDir Path dir) throws Exception {
        assertUserError(resume(dir.resolve("nothing-here")), "milr: --resume " + dir.resolve("nothing-here")
                + ": no such run directory. Expected the run directory (--out) of an earlier train run.\n");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertUserError(resume(empty), "milr: file:" + empty + "/checkpoints: no such directory; expected the"
                + " checkpoints (epoch-N directories) that train writes into its run directory after every epoch\n");

        Path onlyPartial = Files.createDirectories(dir.resolve("partial/checkpoints/.epoch-0001.ab.tmp"));
        assertUserError(resume(dir.resolve("partial")), "milr: no complete checkpoint in file:" + onlyPartial.getParent()
                + "; expected a directory epoch-N holding model.zip, metrics.jsonl and state.json with the lengths and"
                + " CRC-32s state.json records; skipped: .epoch-0001.ab.tmp: a write that never finished (temporary"
                + " directory)\n");

        Path edited = copy(uninterrupted, dir.resolve("edited"));
        Path state = edited.resolve("checkpoints/epoch-0004/state.json");
        Files.writeString(state, Files.readString(state).replace("\"lr_max\" : 0.2", "\"lr_max\" : 0.5"));
        assertUserError(resume(edited), "milr: file:" + state + ": corrupt checkpoint state: the policy state does not"
                + " fit the run's mi-lr policy: lr.max in force 0.5 is above the configured lr.max 0.2; a rollback only"
                + " ever lowers it. milr writes a checkpoint whole, so this one was changed since; move file:"
                + state.getParent() + " aside to resume from the checkpoint before it.\n");
        Files.writeString(state, "{\"format\": \"milr-checkpoint 1\", \"files\": {}}");
        assertUserError(resume(edited), "milr: file:" + state + ": corrupt checkpoint state: \"files\" does not list"
                + " model.zip. milr writes a checkpoint whole, so this one was changed since; move file:"
                + state.getParent() + " aside to resume from the checkpoint before it.\n");

        assertUserError(resume(uninterrupted, "--set", "lr.max=0.1"), "milr: --set lr.max=0.1: a resumed run continues"
                + " with the configuration saved in its checkpoint (file:" + uninterrupted
                + "/checkpoints/epoch-0004/state.json); only train.epochs may be set, to train for more (or fewer) epochs.\n");
        assertUserError(resume(uninterrupted, "--set", "train.epochs=3"), "milr: Configuration key 'train.epochs' = 3:"
                + " the checkpoint file:" + uninterrupted + "/checkpoints/epoch-0004 is after epoch 4; expected at least 4.\n");
        assertEquals(2, Main.run(new String[] {"compare", "--resume", uninterrupted.toString()}, new PrintStream(out, true),
                new PrintStream(err, true)));
        assertTrue(err.toString().startsWith("milr: compare: Unknown options: '--resume'"), "train alone resumes: " + err);
        err.reset();
        assertUserError(resume(uninterrupted, "--out", dir.resolve("elsewhere").toString()), "milr: --resume "
                + uninterrupted + " continues writing into that run directory; --out and --overwrite do not apply.\n");
        assertUserError(resume(uninterrupted, "--conf", "conf/mnist-mlp.properties"), "milr: --resume " + uninterrupted
                + " continues with the configuration saved in the run's checkpoint; --conf conf/mnist-mlp.properties"
                + " cannot change it (only --set train.epochs=N may).\n");
    }

    private void assertUserError(int status, String message) {
        assertEquals(2, status, err.toString());
        assertEquals(message, err.toString());
        err.reset();
    }

    private static int resumedAfter(String console) {
        String marker = " after epoch ";
        int at = console.indexOf("milr: resuming ");
        assertTrue(at >= 0, console);
        int from = console.indexOf(marker, at) + marker.length();
        return Integer.parseInt(console.substring(from, console.indexOf(' ', from)));
    }

    /**
     * Every epoch's LRs, stall flag, test accuracy and every head's MI and table are exactly the
     * uninterrupted run's, each epoch once; so are the final network and its updater state. The mean
     * training loss only to rounding: Spark sums its accumulators in the order tasks finish.
     */
    private static void assertSameRun(Path expectedRun, Path actualRun) throws IOException {
        List<String> expected = Files.readAllLines(expectedRun.resolve("metrics.jsonl"));
        List<String> actual = Files.readAllLines(actualRun.resolve("metrics.jsonl"));
        assertEquals(5, expected.size());
        assertEquals(expected.size(), actual.size(), "epochs 0..4, each once:\n" + String.join("\n", actual));
        boolean decayedAfterResume = false;
        for (int e = 0; e < expected.size(); e++) {
            JsonNode want = JSON.readTree(expected.get(e));
            JsonNode got = JSON.readTree(actual.get(e));
            assertEquals(e, got.get("epoch").asInt());
            assertEquals(want.get("lr"), got.get("lr"), "LRs after epoch " + e);
            assertEquals(want.get("stalled"), got.get("stalled"), "stall after epoch " + e);
            assertEquals(want.get("test_accuracy"), got.get("test_accuracy"), "test accuracy after epoch " + e);
            assertEquals(heads(want), heads(got), "MI and tables after epoch " + e);
            if (e > 0) {
                assertEquals(want.get("train_loss").asDouble(), got.get("train_loss").asDouble(),
                        1e-12 * want.get("train_loss").asDouble(), "training loss of epoch " + e);
            }
            for (JsonNode lr : got.get("lr")) {
                decayedAfterResume |= e >= 3 && lr.asDouble() < LR_MAX;
            }
        }
        assertTrue(decayedAfterResume, "the test needs an MI-driven decay after the resume (epochs 3-4) to compare;"
                + " if the numbers moved, adjust mi.threshold:\n" + String.join("\n", expected));
        MultiLayerNetwork want = ModelSerializer.restoreMultiLayerNetwork(expectedRun.resolve("model.zip").toFile(), true);
        MultiLayerNetwork got = ModelSerializer.restoreMultiLayerNetwork(actualRun.resolve("model.zip").toFile(), true);
        assertEquals(want.params(), got.params(), "final parameters");
        assertEquals(want.getUpdater().getStateViewArray(), got.getUpdater().getStateViewArray(), "final updater state");
        assertEquals(want.getIterationCount(), got.getIterationCount());
        assertEquals(want.getEpochCount(), got.getEpochCount());
    }

    private static List<JsonNode> heads(JsonNode epoch) {
        List<JsonNode> heads = new ArrayList<>();
        for (JsonNode head : epoch.get("heads")) {
            heads.add(head);
        }
        return heads;
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
