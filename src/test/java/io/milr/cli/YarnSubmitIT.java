package io.milr.cli;

import io.milr.report.EpochMetrics;
import io.milr.report.HeadMetrics;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.ClusterJob;
import io.milr.testing.ExactTables;
import io.milr.testing.ScriptRun;
import io.milr.testing.SparkDistribution;
import io.milr.testing.YarnCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 13: {@code target/milr.jar} submitted through {@code submit-scripts/yarn.sh}, unchanged, to a
 * real YARN (a MiniYARNCluster's ResourceManager and NodeManager, whose containers are processes of
 * their own) in client and in cluster mode, reading MNIST from HDFS and writing its run directory
 * there. Each run must end with exit 0 and YARN's final status SUCCEEDED in one attempt, its
 * executors must have run in NodeManager containers, and its tables and LRs must be exactly those of
 * a local-mode run of the same job (cluster mode). The client-mode run loses an executor container in
 * the middle of an epoch and must still count every example exactly once.
 */
class YarnSubmitIT {
    private static final ClusterJob JOB = new ClusterJob(2000, 500, 2);
    /** Big enough that epoch 1 trains for a few seconds on two one-core executors (as ExecutorLossIT). */
    private static final ClusterJob LOSS_JOB = new ClusterJob(6000, 500, 2);
    private static final List<String> MNIST_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private static YarnCluster yarn;
    private static SparkDistribution spark;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void startYarnAndHdfs() {
        yarn = YarnCluster.start(8192);
        yarn.upload(Path.of("data/mnist"), MNIST_FILES, "/data/mnist");
        spark = SparkDistribution.create(Path.of("target/yarn-classpath.txt"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (yarn != null) {
            yarn.close();
        }
    }

    /**
     * Client mode, and an executor container SIGKILLed while epoch 1 trains (one application for both,
     * to keep the suite's time): the run still succeeds in one attempt and counts every example exactly
     * once. That a YARN run's tables and LRs equal a local-mode run's, the cluster-mode runs show.
     */
    @Test
    void clientModeTrainsOnYarnAndAKilledExecutorContainerLosesNoExample() throws Exception {
        String out = yarn.hdfsUri() + "/runs/client";
        Submission run = submit("client", LOSS_JOB.trainArgs(out, "hdfs:///data/mnist/train", "hdfs:///data/mnist/t10k"),
                running -> killAnExecutorInEpochOne(out, running));

        assertTrue(run.output().contains("milr: run complete: " + out), run.output());
        checkRunDirectory(out, LOSS_JOB);
    }

    private static void killAnExecutorInEpochOne(String out, ScriptRun run) throws Exception {
        awaitMetricsLines(out + "/metrics.jsonl", 1, run);
        Thread.sleep(1500);
        assertEquals(1, metricsLines(out + "/metrics.jsonl"),
                "epoch 1 ended before the kill: the slice is too small to kill an executor in the middle of it");
        ProcessHandle victim = yarn.executors().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no executor container is running"));
        victim.destroyForcibly();
        victim.onExit().get();
        assertEquals(1, metricsLines(out + "/metrics.jsonl"), "the kill came while epoch 1 trained");
    }

    /**
     * The driver runs in the ApplicationMaster's container; the job's --conf file is a local file that
     * yarn.sh ships with --files. Its console goes to that container's stdout.
     */
    @Test
    void clusterModeSucceedsInOneAttemptAndShipsTheConfFile() throws Exception {
        String out = yarn.hdfsUri() + "/runs/cluster";
        Path conf = scratch.resolve("yarn-job.properties");
        Files.write(conf, JOB.settings("hdfs:///data/mnist/train", "hdfs:///data/mnist/t10k"));
        Submission run = submit("cluster", List.of("train", "--conf", conf.toString(), "--out", out));

        String driverLog = String.join("\n", logsNamed(run.app(), "stdout", 1));
        assertTrue(driverLog.contains("milr: run complete: " + out), driverLog + "\n" + yarn.logTails(run.app()));
        RunMetrics metrics = checkRunDirectory(out);
        assertEquals(run.app().toString(), readHdfs(out + "/" + YarnAttempt.TAG_FILE).strip(),
                "the run directory names the YARN application that started it");
        assertSameAsLocalMode(metrics);
    }

    /**
     * Cluster mode, driver lost: the ApplicationMaster's JVM (the driver) is killed after the epoch-1
     * checkpoint; YARN starts a second attempt, which finds the run directory its application started
     * and continues from that checkpoint. The application succeeds, and its tables and LRs are still
     * exactly those of the local-mode run.
     */
    @Test
    void aSecondAttemptAfterALostDriverContinuesFromTheCheckpoint() throws Exception {
        String out = yarn.hdfsUri() + "/runs/lost-driver";
        Set<ApplicationId> before = new HashSet<>(yarn.applications().keySet());
        List<String> args = new ArrayList<>(yarnArgs("cluster"));
        args.addAll(JOB.trainArgs(out, "hdfs:///data/mnist/train", "hdfs:///data/mnist/t10k"));
        int status;
        String output;
        try (ScriptRun run = ScriptRun.start("submit-scripts/yarn.sh", args, environment(), List.of("OMP_NUM_THREADS"))) {
            awaitHdfs(out + "/checkpoints/epoch-0001", run);
            ProcessHandle driver = yarn.applicationMasters().stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no ApplicationMaster is running"));
            driver.destroyForcibly();
            driver.onExit().get();
            assertTrue(metricsLines(out + "/metrics.jsonl") < JOB.epochs() + 1, "the driver was lost before the end");
            status = run.await(RUN_TIMEOUT);
            output = run.output();
        }
        ApplicationId app = newApplication(before);
        RMApp rmApp = yarn.applications().get(app);
        assertEquals(0, status, output + "\n" + yarn.logTails(app));
        assertEquals(FinalApplicationStatus.SUCCEEDED, rmApp.getFinalApplicationStatus());
        assertEquals(2, rmApp.getAppAttempts().size(), "a second attempt after the lost driver");
        String drivers = String.join("\n", logsNamed(app, "stdout", 1));
        assertTrue(drivers.contains("milr: a later attempt of YARN application " + app + ": continuing " + out
                + " from its checkpoint of epoch "), drivers);
        assertSameAsLocalMode(checkRunDirectory(out));
    }

    /** One finished yarn.sh run: its output and the YARN application it submitted. */
    private record Submission(String output, ApplicationId app) {
    }

    /** What a test does while its submission runs (kill a process, say). */
    @FunctionalInterface
    private interface WhileRunning {
        void during(ScriptRun run) throws Exception;
    }

    /** Runs yarn.sh to the end and checks what every successful submission must show. */
    private static Submission submit(String deployMode, List<String> milrArgs) throws Exception {
        return submit(deployMode, milrArgs, run -> { });
    }

    private static Submission submit(String deployMode, List<String> milrArgs, WhileRunning whileRunning)
            throws Exception {
        Set<ApplicationId> before = new HashSet<>(yarn.applications().keySet());
        List<String> args = new ArrayList<>(yarnArgs(deployMode));
        args.addAll(milrArgs);
        int status;
        String output;
        try (ScriptRun run = ScriptRun.start("submit-scripts/yarn.sh", args, environment(), List.of("OMP_NUM_THREADS"))) {
            whileRunning.during(run);
            status = run.await(RUN_TIMEOUT);
            output = run.output();
        }
        ApplicationId app = newApplication(before);
        assertEquals(0, status, output + "\n" + yarn.logTails(app));
        RMApp rmApp = yarn.applications().get(app);
        assertEquals(FinalApplicationStatus.SUCCEEDED, rmApp.getFinalApplicationStatus(), yarn.logTails(app));
        assertEquals(1, rmApp.getAppAttempts().size(), "one attempt, no retry:\n" + yarn.logTails(app));
        assertExecutorsRanInContainers(app, deployMode);
        return new Submission(output, app);
    }

    /**
     * What the test adds to yarn.sh's own settings, and why: containers on this machine must bind
     * 127.0.0.1 (SPARK_LOCAL_IP is not inherited); Spark's jars are linked from the stand-in
     * SPARK_HOME instead of zipped and uploaded per application; 1 GiB executors fit the NodeManager.
     */
    private static List<String> yarnArgs(String deployMode) {
        return List.of("--deploy-mode", deployMode, "--num-executors", "2", "--executor-cores", "1",
                "--executor-memory", "1g", "--driver-memory", "1g",
                "--conf", "spark.yarn.jars=" + spark.jarsGlob(),
                "--conf", "spark.yarn.stagingDir=" + yarn.scratch("staging").toUri(),
                "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1");
    }

    private static Map<String, String> environment() {
        return Map.of("SPARK_HOME", spark.home().toString(), "HADOOP_CONF_DIR", yarn.confDir().toString(),
                "SPARK_LOCAL_IP", "127.0.0.1");
    }

    private static ApplicationId newApplication(Set<ApplicationId> before) {
        List<ApplicationId> added = yarn.applications().keySet().stream().filter(id -> !before.contains(id)).toList();
        assertEquals(1, added.size(), "one new YARN application: " + added);
        return added.get(0);
    }

    /**
     * Executors ran in NodeManager containers: at least two containers besides the
     * ApplicationMaster's (container 1) logged finished tasks.
     */
    private static void assertExecutorsRanInContainers(ApplicationId app, String deployMode) {
        List<Path> executorLogs = yarn.containerLogs(app).stream()
                .filter(log -> log.getFileName().toString().equals("stderr"))
                .filter(log -> !log.getParent().getFileName().toString().endsWith("_000001"))
                .filter(YarnSubmitIT::ranTasks).toList();
        assertTrue(executorLogs.size() >= 2, deployMode + " mode: executors that ran tasks in containers: "
                + executorLogs + "\n" + yarn.logTails(app));
    }

    private static boolean ranTasks(Path log) {
        try {
            return Files.readString(log).contains("Finished task");
        } catch (IOException e) {
            return false;
        }
    }

    /** The texts of the log files called {@code name} of container {@code container} of {@code app}. */
    private static List<String> logsNamed(ApplicationId app, String name, int container) {
        String suffix = String.format("_%06d", container);
        return yarn.containerLogs(app).stream()
                .filter(log -> log.getFileName().toString().equals(name))
                .filter(log -> log.getParent().getFileName().toString().endsWith(suffix))
                .map(log -> {
                    try {
                        return Files.readString(log);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }

    private static RunMetrics checkRunDirectory(String out) throws IOException {
        return checkRunDirectory(out, JOB);
    }

    private static RunMetrics checkRunDirectory(String out, ClusterJob job) throws IOException {
        RunDirectory dir = RunDirectory.open(out, new Configuration());
        for (String file : List.of("config.properties", "metrics.jsonl", "model.zip", "report.html")) {
            assertTrue(dir.exists(file), file + " in " + out);
        }
        assertNoTemporaryFiles(out);
        RunMetrics metrics = RunMetrics.read(dir);
        ExactTables.check(metrics, job.epochs(), job.classCounts());
        return metrics;
    }

    // The local-mode run that every YARN run must match, made once.
    private static RunMetrics localMode;

    private static synchronized RunMetrics localModeRun() {
        if (localMode == null) {
            Path out = scratch.resolve("local-run");
            List<String> args = new ArrayList<>(List.of("--cores", "2", "--driver-memory", "1g"));
            args.addAll(JOB.trainArgs(out.toString()));
            try (ScriptRun run = ScriptRun.start("submit-scripts/local.sh", args, Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                    List.of("SPARK_HOME", "OMP_NUM_THREADS"))) {
                assertEquals(0, run.await(RUN_TIMEOUT), run.output());
            }
            localMode = RunMetrics.read(RunDirectory.open(out.toString(), new Configuration()));
        }
        return localMode;
    }

    /** Same seed, same workers: the same tables, LRs and test accuracy in every epoch, exactly. */
    private static void assertSameAsLocalMode(RunMetrics onYarn) {
        RunMetrics local = localModeRun();
        assertEquals(local.epochs().size(), onYarn.epochs().size());
        for (int e = 0; e < local.epochs().size(); e++) {
            EpochMetrics expected = local.epochs().get(e);
            EpochMetrics actual = onYarn.epochs().get(e);
            assertArrayEquals(expected.learningRates(), actual.learningRates(), "epoch " + e + ": LRs");
            assertEquals(expected.testAccuracy(), actual.testAccuracy(), "epoch " + e + ": test accuracy");
            assertEquals(expected.heads().size(), actual.heads().size(), "epoch " + e + ": heads");
            for (int h = 0; h < expected.heads().size(); h++) {
                HeadMetrics head = expected.heads().get(h);
                assertArrayEquals(head.table(), actual.heads().get(h).table(), "epoch " + e + ", head " + head.name());
            }
        }
    }

    private static void awaitMetricsLines(String metrics, int lines, ScriptRun run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (metricsLines(metrics) < lines) {
            if (!run.isAlive()) {
                fail("the run ended before epoch " + (lines - 1) + " was measured:\n" + run.output());
            }
            if (System.nanoTime() > deadline) {
                fail("no metrics of epoch " + (lines - 1) + " after 3 minutes:\n" + run.output());
            }
            Thread.sleep(50);
        }
    }

    private static void awaitHdfs(String uri, ScriptRun run) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!yarn.fileSystem().exists(new org.apache.hadoop.fs.Path(uri))) {
            if (!run.isAlive()) {
                fail("the run ended before " + uri + " was written:\n" + run.output());
            }
            if (System.nanoTime() > deadline) {
                fail("no " + uri + " after 3 minutes:\n" + run.output());
            }
            Thread.sleep(50);
        }
    }

    private static int metricsLines(String uri) {
        try {
            return (int) readHdfs(uri).lines().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readHdfs(String uri) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
        if (!yarn.fileSystem().exists(path)) {
            return "";
        }
        try (FSDataInputStream in = yarn.fileSystem().open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertNoTemporaryFiles(String out) throws IOException {
        assertEquals(0, yarn.fileSystem().globStatus(new org.apache.hadoop.fs.Path(out + "/.*")).length,
                "no temporary or backup file left behind in " + out);
    }
}
