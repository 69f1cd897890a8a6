package io.milr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.ClusterJob;
import io.milr.testing.ExactTables;
import io.milr.testing.ScriptRun;
import io.milr.testing.StandaloneCluster;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar ({@code target/milr.jar}) submitted through {@code submit-scripts/standalone.sh},
 * without a Spark installation, to a real standalone cluster of two Workers (separate JVMs), trains
 * two epochs on an MNIST slice, and its tables count every example exactly once.
 */
class StandaloneSubmitIT {
    private static final ClusterJob JOB = new ClusterJob(2000, 500, 2);
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = StandaloneCluster.start(2, 1, "1g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void trainsTwoEpochsOnTheClusterThroughTheStandaloneScript(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        String output;
        int status;
        try (ScriptRun run = JOB.submitTo(cluster, out)) {
            status = run.await(Duration.ofMinutes(4));
            output = run.output();
        }

        assertEquals(0, status, output + "\n" + cluster.logTails());
        assertTrue(output.contains("milr: run complete: file:" + out), output);
        RunDirectory runDir = RunDirectory.open(out.toString(), new Configuration());
        ExactTables.check(RunMetrics.read(runDir), JOB.epochs(), JOB.classCounts());
        assertTrue(runDir.exists("config.properties") && runDir.exists("report.html"));
        MultiLayerNetwork model = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile(), true);
        assertTrue(Double.isFinite(model.params().sumNumber().doubleValue()));
        assertRanOnBothWorkers();
    }

    /** The Master saw the application finish, and an executor on each Worker ran tasks of it. */
    private static void assertRanOnBothWorkers() throws IOException {
        JsonNode apps = cluster.masterState().path("completedapps");
        assertEquals(1, apps.size(), apps.toString());
        assertEquals("milr train", apps.get(0).path("name").asText());
        assertEquals("FINISHED", apps.get(0).path("state").asText());
        String appId = apps.get(0).path("id").asText();
        for (int w = 1; w <= 2; w++) {
            try (Stream<Path> logs = Files.walk(cluster.workDir(w).resolve(appId))) {
                assertTrue(logs.filter(f -> f.getFileName().toString().equals("stderr")).anyMatch(StandaloneSubmitIT::ranTasks),
                        "an executor of worker " + w + " ran tasks:\n" + cluster.logTails());
            }
        }
    }

    private static boolean ranTasks(Path executorLog) {
        try {
            return Files.readString(executorLog).contains("Finished task");
        } catch (IOException e) {
            return false;
        }
    }
}
