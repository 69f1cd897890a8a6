package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code milr bench} end to end on a tiny MNIST slice for one epoch: every system runs in its own
 * process and the table has its rows with sane fields (timings themselves are not checked: they are
 * what the bench is for). PyTorch is skipped, and says why, where python3-torch is not installed.
 */
class MainBenchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void benchOnATinySliceWritesATableWithARowPerSystem(@TempDir Path dir) throws Exception {
        Path outDir = dir.resolve("bench");
        int status = run("bench", "--set", "data.train=data/mnist/train", "--set", "data.test=data/mnist/t10k",
                "--set", "data.trainLimit=1280", "--set", "data.testLimit=200", "--set", "model.hidden=32",
                "--set", "mi.probeSize=256", "--epochs", "1", "--torch-threads", "1",
                "--systems", "dl4j-1jvm,milr-network,milr-layer,milr-network-fused,pytorch", "--out", outDir.toString());
        assertEquals(0, status, err.toString() + out);
        boolean torch = torchInstalled();
        if (!torch) {
            System.out.println("MainBenchTest: the PyTorch row is skipped: /usr/bin/python3 cannot import torch"
                    + " (scripts/install-torch.sh installs Debian python3-torch)");
        }

        String markdown = Files.readString(outDir.resolve("bench.md"));
        for (String row : new String[] {"| dl4j-1jvm | 1 |", "| milr-network | 2 |", "| milr-layer | 2 |",
                torch ? "| pytorch 1 thread | 1 |" : "| pytorch 1 thread | | skipped: "}) {
            assertTrue(markdown.contains(row), row + " in\n" + markdown);
        }
        assertTrue(out.toString().contains("| milr-layer | 2 |"), "the table is printed too");

        JsonNode table = new ObjectMapper().readTree(outDir.resolve("bench.json").toFile());
        Map<String, JsonNode> rows = new HashMap<>();
        table.get("rows").forEach(row -> rows.put(row.get("label").asText(), row));
        assertEquals(5, rows.size(), rows.keySet().toString());
        assertEquals(1.0, rows.get("dl4j-1jvm").get("ratio_to_dl4j_1jvm").asDouble(), 1e-12);
        for (String system : new String[] {"dl4j-1jvm", "milr-network", "milr-layer", "milr-network-fused"}) {
            JsonNode row = rows.get(system);
            assertTrue(row.get("seconds_per_epoch").asDouble() > 0, system + ": " + row);
            assertTrue(row.get("ratio_to_dl4j_1jvm").asDouble() > 0, system + ": " + row);
            double accuracy = row.get("test_accuracy").asDouble();
            assertTrue(accuracy > 0.1 && accuracy <= 1, system + " trained above chance: " + row);
            assertTrue(row.get("skipped").isNull());
        }
        assertTrue(rows.get("dl4j-1jvm").get("mi_share").isNull(), "no MI outside milr");
        for (String milr : new String[] {"milr-network", "milr-layer", "milr-network-fused"}) {
            JsonNode row = rows.get(milr);
            double mi = row.get("mi_seconds_per_epoch").asDouble();
            assertTrue(mi > 0 && mi < row.get("seconds_per_epoch").asDouble(), milr + ": " + row);
            assertEquals(mi / row.get("seconds_per_epoch").asDouble(), row.get("mi_share").asDouble(), 1e-9);
            double driverMs = row.get("driver_mi_policy_ms").asDouble();
            assertTrue(driverMs > 0 && driverMs < 1000 * mi, milr + ": the driver's part of the MI work: " + row);
            double partial = row.get("mi_partial_bytes_per_epoch").asDouble();
            // The partials' own size against Spark's measured task results: the same order of magnitude (the
            // estimate assumes a partition per worker, a small probe may have fewer).
            double measured = row.get("mi_bytes_per_epoch").asDouble();
            assertTrue(partial > 0 && partial < 2 * measured && measured < 4 * partial, milr + ": " + row);
        }
        assertTrue(rows.get("milr-layer").get("mi_partial_bytes_per_epoch").asDouble()
                - rows.get("milr-network").get("mi_partial_bytes_per_epoch").asDouble() > 2 * 10 * 32 * 8,
                "layer mode also reduces, from each of 2 partitions, 10 x 32 class sums (doubles) and a hidden table");

        for (JsonNode run : table.get("runs")) {
            if (run.get("system").asText().startsWith("milr")) {
                int passes = 0;
                for (JsonNode kind : run.get("jobs")) {
                    String name = kind.get("kind").asText();
                    passes += name.startsWith("histogram pass") && !name.endsWith("test evaluation") ? kind.get("jobs").asInt() : 0;
                }
                int perMeasurement = run.get("system").asText().equals("milr-layer") ? 3 : 1;
                // Fused: the output head is counted while training, so only epoch 0 runs a pass.
                int expected = run.get("system").asText().endsWith("-fused") ? 1
                        : perMeasurement * run.get("miMeasurements").asInt();
                assertEquals(expected, passes, "the MI histogram passes are told from the others: " + run);
            }
        }
        assertTrue(markdown.contains("### Spark jobs of milr-network, run 1"), markdown);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                java.util.Arrays.copyOf(Files.readAllBytes(outDir.resolve("bench.png")), 4));
        assertTrue(Files.exists(outDir.resolve("milr-layer-run1/run/metrics.jsonl")), "milr's own run files are kept");
    }

    @Test
    void badBenchArgumentsAreUserErrorsBeforeAnySystemRuns(@TempDir Path dir) {
        String outDir = dir.resolve("never").toString();
        assertEquals(2, run("bench", "--runs", "0", "--out", outDir));
        assertTrue(err.toString().contains("--runs 0: expected at least 1"), err.toString());
        assertEquals(2, run("bench", "--systems", "dl4j-1jvm,tensorflow", "--out", outDir));
        assertTrue(err.toString().contains("unknown system 'tensorflow'"), err.toString());
        assertEquals(2, run("bench", "--set", "model=cnn", "--out", outDir));
        assertTrue(err.toString().contains("expected model=mlp"), err.toString());
        assertEquals(2, run("bench", "--epochs", "three", "--out", outDir));
        assertTrue(err.toString().contains("--epochs three: expected a whole number"), err.toString());
        assertEquals(2, run("bench", "--set", "data.train=" + dir + "/missing/train", "--out", outDir));
        assertTrue(err.toString().contains(dir + "/missing/train"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(Path.of(outDir)), "nothing is written before the input is known to be good");

        assertEquals(0, run("bench", "--help"));
        assertTrue(out.toString().contains("--torch-threads=LIST"), out.toString());
    }

    private static boolean torchInstalled() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return probe.waitFor() == 0;
    }
}
