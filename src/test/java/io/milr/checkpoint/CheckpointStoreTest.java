package io.milr.checkpoint;

import io.milr.lr.PolicyState;
import io.milr.model.ModelSpec;
import io.milr.report.RunDirectory;
import io.milr.testing.ProjectJvm;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints on a real file system: what is written is read back, what is partial is skipped, what is wrong is named. */
class CheckpointStoreTest {
    private static final Map<String, String> CONFIG = new LinkedHashMap<>(Map.of("train.seed", "7", "lr.mode", "layer"));

    /** A small metrics.jsonl line of {@code epoch}, as MetricsJson reads it. */
    static String metricsLine(int epoch) {
        return String.format(Locale.ROOT, "{\"epoch\":%d,\"lr\":[0.1,0.1],\"heads\":[{\"name\":\"output\",\"layer\":1,"
                + "\"n\":2,\"table\":[[1,0],[0,1]]}]}%n", epoch);
    }

    private static String metrics(int epochs) {
        StringBuilder text = new StringBuilder();
        for (int e = 0; e <= epochs; e++) {
            text.append(metricsLine(e));
        }
        return text.toString();
    }

    /** An MLP with Adam, fitted twice, so that its updater state and iteration count are not the initial ones. */
    private static MultiLayerNetwork trainedNetwork() {
        MultiLayerNetwork network = ModelSpec.of("mlp", new int[] {16}, "relu").build(4, 4, 3, 7, new Adam(0.01), List.of());
        DataSet batch = new DataSet(Nd4j.rand(DataType.FLOAT, 8, 16), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1)
                .castTo(DataType.FLOAT));
        network.fit(batch);
        network.fit(batch);
        return network;
    }

    private static PolicyState state(int epoch) {
        return new PolicyState("mi-lr", epoch, new double[] {0.1 / 3, Double.NaN, 0.0123456789012345678}, 0.876543210987654321,
                0.2, 0.15);
    }

    private static Checkpoint checkpoint(int epoch, MultiLayerNetwork network) {
        return new Checkpoint(epoch, network, state(epoch), 7, CONFIG, metrics(epoch));
    }

    private static CheckpointStore store(Path dir) {
        return CheckpointStore.of(RunDirectory.create(dir.toString(), true, new Configuration()));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void readsBackTheNetworkWithItsUpdaterStateThePolicyStateAndTheConfigurationExactly(@TempDir Path dir) {
        MultiLayerNetwork network = trainedNetwork();
        CheckpointStore store = store(dir);
        store.write(checkpoint(3, network), 2);

        CheckpointStore.Found found = store.latest();
        Checkpoint read = found.checkpoint();
        assertEquals(3, read.epoch());
        assertEquals(network.params(), read.network().params());
        assertEquals(network.getUpdater().getStateViewArray(), read.network().getUpdater().getStateViewArray(),
                "Adam's moments");
        assertEquals(2, read.network().getIterationCount(), "Adam's bias correction needs the iteration count");
        assertEquals(state(3), read.policy(), "every double bit for bit, NaN for the layer without parameters");
        assertEquals(7, read.seed());
        assertEquals(CONFIG, read.config());
        assertEquals(metrics(3), read.metrics());
        assertEquals("file:" + dir.resolve("checkpoints/epoch-0003"), found.location());
        assertEquals(List.of(), found.skipped());
    }

    @Test
    void keepsTheNewestCheckpointsOnly(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = trainedNetwork();
        CheckpointStore store = store(dir);
        for (int epoch = 0; epoch <= 4; epoch++) {
            store.write(checkpoint(epoch, network), 2);
        }
        assertEquals(List.of("epoch-0003", "epoch-0004"), names(dir.resolve("checkpoints")));
        store.write(checkpoint(5, network), 1);
        assertEquals(List.of("epoch-0005"), names(dir.resolve("checkpoints")));
        store.clear();
        assertTrue(Files.notExists(dir.resolve("checkpoints")), "a new run in a reused directory starts without them");
    }

    /**
     * What an interrupted write or copy leaves, made directly: a temporary directory, checkpoints
     * missing a file (an object store's rename that stopped half-way), with a state file or a model
     * cut short, with a damaged model. All are skipped, newest first, each with its reason.
     */
    @Test
    void skipsIncompleteCheckpointsAndSaysWhy(@TempDir Path dir) throws Exception {
        MultiLayerNetwork network = trainedNetwork();
        CheckpointStore store = store(dir);
        for (int epoch = 1; epoch <= 6; epoch++) {
            store.write(checkpoint(epoch, network), 10);
        }
        Path checkpoints = dir.resolve("checkpoints");
        Files.delete(checkpoints.resolve("epoch-0003/state.json"));
        Path state4 = checkpoints.resolve("epoch-0004/state.json");
        Files.writeString(state4, Files.readString(state4).substring(0, 200));
        Files.delete(checkpoints.resolve("epoch-0005/metrics.jsonl"));
        Path model6 = checkpoints.resolve("epoch-0006/model.zip");
        byte[] bytes = Files.readAllBytes(model6);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model6, bytes);
        Files.createDirectories(checkpoints.resolve(".epoch-0007.0e8d.tmp"));

        CheckpointStore.Found found = store.latest();

        assertEquals(2, found.checkpoint().epoch());
        assertEquals(List.of(".epoch-0007.0e8d.tmp: a write that never finished (temporary directory)",
                "epoch-0006: model.zip does not have the CRC-32 state.json records (damaged?)",
                "epoch-0005: metrics.jsonl is missing",
                "epoch-0004: state.json is not a whole JSON object (cut short?)",
                "epoch-0003: state.json is missing"), found.skipped());
    }

    @Test
    void aStateFileThatIsWholeButWrongIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        CheckpointStore store = store(dir);
        store.write(checkpoint(2, trainedNetwork()), 2);
        Path state = dir.resolve("checkpoints/epoch-0002/state.json");
        String good = Files.readString(state);
        String expectedEnd = ". milr writes a checkpoint whole, so this one was changed since; move file:"
                + state.getParent() + " aside to resume from the checkpoint before it.";

        Files.writeString(state, good.replace("milr-checkpoint 1", "milr-checkpoint 9"));
        assertCorrupt(store, "file:" + state + ": corrupt checkpoint state: \"format\" is 'milr-checkpoint 9', expected"
                + " 'milr-checkpoint 1'" + expectedEnd);
        Files.writeString(state, good.replace("\"epoch\" : 2,\n  \"seed\"", "\"epoch\" : 5,\n  \"seed\""));
        assertCorrupt(store, "file:" + state + ": corrupt checkpoint state: \"epoch\" is 5, expected 2 as the"
                + " directory's name says" + expectedEnd);
        Files.writeString(state, good.replace("\"lr\" :", "\"rates\" :"));
        assertCorrupt(store, "file:" + state + ": corrupt checkpoint state: \"policy\".\"lr\" is missing or not an"
                + " array" + expectedEnd);
        Files.writeString(state, good.replace("\"kind\" : \"mi-lr\",\n    \"epoch\" : 2", "\"kind\" : \"mi-lr\",\n    \"epoch\" : 1"));
        assertCorrupt(store, "file:" + state + ": corrupt checkpoint state: the policy state is of epoch 1, the"
                + " checkpoint of 2" + expectedEnd);
    }

    private static void assertCorrupt(CheckpointStore store, String message) {
        assertEquals(message, assertThrows(CheckpointException.class, store::latest).getMessage());
    }

    @Test
    void noCheckpointsOrNoCompleteOneIsAnError(@TempDir Path dir) throws Exception {
        CheckpointStore store = store(dir);
        assertEquals("file:" + dir.resolve("checkpoints") + ": no such directory; expected the checkpoints (epoch-N"
                + " directories) that train writes into its run directory after every epoch",
                assertThrows(CheckpointException.class, store::latest).getMessage());
        Files.createDirectories(dir.resolve("checkpoints/epoch-0001"));
        assertEquals("no complete checkpoint in file:" + dir.resolve("checkpoints") + "; expected a directory epoch-N"
                + " holding model.zip, metrics.jsonl and state.json with the lengths and CRC-32s state.json records;"
                + " skipped: epoch-0001: state.json is missing",
                assertThrows(CheckpointException.class, store::latest).getMessage());
    }

    /**
     * A real crash during a write: a JVM writing checkpoints one after the other is killed with
     * SIGKILL, until a kill lands inside a write (its temporary directory is left). The newest
     * complete checkpoint is then at least the last one the writer reported done, its model is that
     * epoch's, and a write after it (as a resumed run makes) clears the leftover.
     */
    @Test
    void aWriterKilledMidWriteLeavesTheLastCompleteCheckpointUsable(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        for (int attempt = 1; attempt <= 3; attempt++) {
            int reported;
            try (ProjectJvm writer = ProjectJvm.start("1g", dir.resolve("writer-" + attempt + ".log"),
                    CheckpointWriterProcess.class.getName(), run.toString())) {
                writer.awaitWhileAlive(() -> writer.log().contains("checkpoint 2\n"), Duration.ofSeconds(120),
                        "two checkpoints");
                Thread.sleep(100L * attempt);
                writer.killHard();
                reported = (int) writer.log().lines().filter(l -> l.startsWith("checkpoint ")).count();
            }
            CheckpointStore.Found found = store(run).latest();
            Checkpoint newest = found.checkpoint();
            assertTrue(newest.epoch() >= reported, "checkpoint " + reported + " was reported written; newest complete: "
                    + newest.epoch());
            assertEquals(newest.epoch(), newest.network().params().getDouble(0), "the model is its epoch's");
            assertEquals(newest.epoch(), newest.policy().epoch());
            boolean killedMidWrite = names(run.resolve("checkpoints")).stream().anyMatch(n -> n.endsWith(".tmp"));
            if (killedMidWrite) {
                assertTrue(found.skipped().stream().anyMatch(s -> s.contains("a write that never finished")), found.skipped().toString());
                store(run).write(new Checkpoint(newest.epoch() + 1, newest.network(),
                        new PolicyState("mi-lr", newest.epoch() + 1, new double[] {0.1, 0.1}, 0.5, 0.2, 0.2), 1,
                        newest.config(), newest.metrics() + metricsLine(newest.epoch() + 1)), 2);
                assertTrue(names(run.resolve("checkpoints")).stream().noneMatch(n -> n.endsWith(".tmp")),
                        "the next write removes the leftover");
                assertEquals(newest.epoch() + 1, store(run).latest().checkpoint().epoch());
                return;
            }
        }
        throw new AssertionError("three kills all fell between writes; the writer spends nearly all its time writing");
    }
}
