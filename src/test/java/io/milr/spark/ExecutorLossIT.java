package io.milr.spark;

import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.ClusterJob;
import io.milr.testing.ExactTables;
import io.milr.testing.ScriptRun;
import io.milr.testing.StandaloneCluster;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 5, exact counts under faults: one executor JVM of a standalone cluster is killed (SIGKILL)
 * while epoch 1 trains; the job must still finish, and every epoch's tables count every training
 * example exactly once. The Worker starts a new executor; what the dead one held is gone.
 *
 * <p>The blocks the dead executor cached (and its shuffle files) are rebuilt from their lineage: the
 * IDX slices are read again and dealt into the same blocks (with the earlier local checkpoint this
 * failed: "Checkpoint block rdd_1_1 not found").
 */
class ExecutorLossIT {
    /** Big enough that epoch 1 trains for a few seconds on two one-core executors. */
    private static final ClusterJob JOB = new ClusterJob(6000, 500, 2);
    private static final Duration INTO_THE_EPOCH = Duration.ofMillis(1500);
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
    void aKilledExecutorInEpochOneLosesNoExampleAndTheRunFinishes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String output;
        int status;
        try (ScriptRun run = JOB.submitTo(cluster, out)) {
            awaitMetricsLines(out.resolve("metrics.jsonl"), 1, run);
            Thread.sleep(INTO_THE_EPOCH.toMillis());
            assertEquals(1, metricsLines(out.resolve("metrics.jsonl")),
                    "epoch 1 ended before the kill: the slice is too small to kill an executor in the middle of it");
            ProcessHandle killed = cluster.killOneExecutor();
            assertEquals(1, metricsLines(out.resolve("metrics.jsonl")), "the kill came while epoch 1 trained");
            assertFalse(killed.isAlive());

            status = run.await(Duration.ofMinutes(4));
            output = run.output();
        }

        assertEquals(0, status, "the run must survive the lost executor:\n" + output);
        ExactTables.check(RunMetrics.read(RunDirectory.open(out.toString(), new Configuration())), JOB.epochs(),
                JOB.classCounts());
    }

    /** Waits until the driver wrote {@code lines} epochs of metrics (epoch 0 is the measurement before training). */
    private static void awaitMetricsLines(Path metrics, int lines, ScriptRun run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (metricsLines(metrics) < lines) {
            if (!run.isAlive()) {
                fail("the run ended before epoch " + (lines - 1) + " was measured:\n" + run.output() + "\n"
                        + cluster.logTails());
            }
            if (System.nanoTime() > deadline) {
                fail("no metrics of epoch " + (lines - 1) + " after 3 minutes:\n" + run.output());
            }
            Thread.sleep(50);
        }
    }

    private static int metricsLines(Path metrics) {
        try {
            return Files.exists(metrics) ? (int) Files.readAllLines(metrics).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
