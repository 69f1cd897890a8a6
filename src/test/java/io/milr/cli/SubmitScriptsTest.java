package io.milr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spark-submit lines the submit scripts print with --dry-run, word by word, and their refusals
 * of missing settings. (StandaloneSubmitIT runs standalone.sh for real on a cluster.)
 */
class SubmitScriptsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAR = ROOT + "/target/milr.jar";

    private record Result(int status, String out, String err) {
    }

    private static Result run(Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "submit-scripts/" + script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String name : List.of("SPARK_HOME", "OMP_NUM_THREADS", "SPARK_LOCAL_IP", "HADOOP_CONF_DIR", "YARN_CONF_DIR",
                "MILR_JAR", "MILR_MASTER", "MILR_IMAGE", "MILR_LOG_CONFIG")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }

    /** The printed line as the shell splits it: bare words, '...' (with '\'' for a quote) and "...". */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'' || c == '"') {
                int end = line.indexOf(c, i + 1);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String jvmOptions() throws IOException {
        return String.join(" ", Files.readAllLines(ROOT.resolve("submit-scripts/jvm-options.txt")).stream()
                .filter(l -> !l.isBlank()).toList());
    }

    private static List<String> list(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> many) {
                many.forEach(p -> all.add((String) p));
            } else {
                all.add((String) part);
            }
        }
        return all;
    }

    private static List<String> commonConfs(String driverExtra, String blasThreads) throws IOException {
        return List.of("--conf", "spark.driver.extraJavaOptions=" + jvmOptions() + driverExtra,
                "--conf", "spark.executor.extraJavaOptions=" + jvmOptions(),
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=" + blasThreads);
    }

    @Test
    void localRunsSparkSubmitFromTheProjectClasspathWithoutSparkHome() throws Exception {
        Result result = run(Map.of(), "local.sh", "--dry-run", "train", "--set", "train.epochs=2", "--out", "runs/a b");

        assertEquals(0, result.status(), result.err());
        String log = " -Dlog4j2.configurationFile=" + ROOT + "/src/main/resources/log4j2.properties";
        assertEquals(list("SPARK_LOCAL_IP=127.0.0.1", "OMP_NUM_THREADS=1", "java", "-Xmx6g",
                "@" + ROOT + "/submit-scripts/jvm-options.txt", log.trim(),
                "-cp", "$(cat " + ROOT + "/target/spark-classpath.txt)", "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[*]", "--deploy-mode", "client", "--class", "io.milr.cli.Main", "--driver-memory", "6g",
                commonConfs(log, "1"), JAR, "train", "--set", "train.epochs=2", "--out", "runs/a b"),
                words(result.out()));
    }

    @Test
    void localTakesCoresMemoryAndBlasThreads() throws Exception {
        Result result = run(Map.of("SPARK_HOME", "/opt/spark", "MILR_LOG_CONFIG", ""), "local.sh", "--dry-run",
                "--cores", "2", "--driver-memory", "3g", "--blas-threads", "2", "--conf", "spark.ui.enabled=false", "keys");

        assertEquals(0, result.status(), result.err());
        assertEquals(list("SPARK_LOCAL_IP=127.0.0.1", "OMP_NUM_THREADS=2", "/opt/spark/bin/spark-submit",
                "--master", "local[2]", "--deploy-mode", "client", "--class", "io.milr.cli.Main", "--driver-memory", "3g",
                commonConfs("", "2"), "--conf", "spark.ui.enabled=false", JAR, "keys"), words(result.out()));
    }

    @Test
    void standalonePassesMasterMemoryAndTheUsersOptionsLast() throws Exception {
        Result result = run(Map.of("SPARK_HOME", "/opt/spark", "MILR_LOG_CONFIG", ""), "standalone.sh", "--dry-run",
                "--master", "spark://head:7077", "--executor-memory", "8g", "--total-executor-cores", "4",
                "--executor-java-options", "-XX:+UseG1GC", "train", "--out", "hdfs:///runs/r1");

        assertEquals(0, result.status(), result.err());
        assertEquals(list("OMP_NUM_THREADS=1", "/opt/spark/bin/spark-submit", "--master", "spark://head:7077",
                "--deploy-mode", "client", "--class", "io.milr.cli.Main", "--driver-memory", "4g", "--executor-memory", "8g",
                "--conf", "spark.driver.extraJavaOptions=" + jvmOptions(),
                "--conf", "spark.executor.extraJavaOptions=" + jvmOptions() + " -XX:+UseG1GC",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1", "--total-executor-cores", "4",
                JAR, "train", "--out", "hdfs:///runs/r1"), words(result.out()));
    }

    @Test
    void yarnSetsTheApplicationMasterAndContainerOverheadAndShipsTheConfFileInClusterMode(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("yarn-site.xml"), "<configuration/>");
        Result result = run(Map.of("SPARK_HOME", "/opt/spark", "HADOOP_CONF_DIR", dir.toString()), "yarn.sh",
                "--dry-run", "--deploy-mode", "cluster", "--executor-memory", "2g", "--num-executors", "3",
                "train", "--conf", "conf/mnist-mlp.properties", "--out", "hdfs:///runs/r1");

        assertEquals(0, result.status(), result.err());
        assertEquals(list("OMP_NUM_THREADS=1", "/opt/spark/bin/spark-submit", "--master", "yarn",
                "--deploy-mode", "cluster", "--class", "io.milr.cli.Main", "--driver-memory", "4g",
                "--executor-memory", "2g", commonConfs("", "1"),
                "--conf", "spark.app.name=milr train",
                "--conf", "spark.yarn.am.extraJavaOptions=" + jvmOptions(),
                "--conf", "spark.yarn.appMasterEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.executor.memoryOverhead=2432m", "--conf", "spark.driver.memoryOverhead=4480m",
                "--num-executors", "3", "--files", "conf/mnist-mlp.properties",
                JAR, "train", "--conf", "mnist-mlp.properties", "--out", "hdfs:///runs/r1"), words(result.out()));
    }

    @Test
    void kubernetesRunsTheImagesJarInClusterMode() throws Exception {
        Result result = run(Map.of("SPARK_HOME", "/opt/spark"), "k8s.sh", "--dry-run",
                "--master", "k8s://https://k8s.example:6443", "--image", "registry.example/milr:0.1",
                "--namespace", "ml", "--service-account", "spark", "train", "--out", "hdfs://nn:8020/runs/r1");

        assertEquals(0, result.status(), result.err());
        assertEquals(list("OMP_NUM_THREADS=1", "/opt/spark/bin/spark-submit", "--master", "k8s://https://k8s.example:6443",
                "--deploy-mode", "cluster", "--class", "io.milr.cli.Main", "--driver-memory", "4g",
                "--executor-memory", "4g", commonConfs("", "1"),
                "--conf", "spark.app.name=milr train",
                "--conf", "spark.kubernetes.container.image=registry.example/milr:0.1",
                "--conf", "spark.kubernetes.driverEnv.OMP_NUM_THREADS=1",
                "--conf", "spark.kubernetes.namespace=ml",
                "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=spark",
                "--conf", "spark.executor.memoryOverhead=4480m", "--conf", "spark.driver.memoryOverhead=4480m",
                "local:///opt/milr/milr.jar", "train", "--out", "hdfs://nn:8020/runs/r1"), words(result.out()));
    }

    @Test
    void whatIsMissingIsNamedWithExitStatusTwo(@TempDir Path dir) throws Exception {
        assertRefused(run(Map.of(), "standalone.sh", "train"), "standalone.sh: no master: pass --master spark://HOST:PORT");
        assertRefused(run(Map.of(), "standalone.sh", "--master", "spark://h:7077"), "no milr subcommand");
        assertRefused(run(Map.of(), "yarn.sh", "--dry-run", "train"), "yarn.sh: HADOOP_CONF_DIR is not set");
        assertRefused(run(Map.of("HADOOP_CONF_DIR", dir.toString()), "yarn.sh", "--dry-run", "train"),
                "yarn.sh: no yarn-site.xml in " + dir);
        Files.writeString(dir.resolve("yarn-site.xml"), "<configuration/>");
        assertRefused(run(Map.of("HADOOP_CONF_DIR", dir.toString(), "PATH", "/usr/bin:/bin"), "yarn.sh", "--dry-run",
                "train"), "yarn.sh: needs a Spark distribution with YARN support");
        assertRefused(run(Map.of("SPARK_HOME", "/opt/spark"), "k8s.sh", "--master", "k8s://https://h:6443", "train"),
                "k8s.sh: no container image: pass --image IMAGE");
        assertRefused(run(Map.of(), "local.sh", "--executor-memory", "2g", "train"), "use --driver-memory");
        assertRefused(run(Map.of(), "local.sh", "--driver-memory", "lots", "train"), "memory size 'lots'");
        assertRefused(run(Map.of("SPARK_HOME", dir.toString()), "local.sh", "train"),
                "SPARK_HOME=" + dir + " has no bin/spark-submit");
    }

    private static void assertRefused(Result result, String message) {
        assertEquals(2, result.status(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
        assertEquals("", result.out());
    }

    @Test
    void everyScriptExplainsItselfWithAnExample() throws Exception {
        for (String script : List.of("local.sh", "standalone.sh", "yarn.sh", "k8s.sh")) {
            Result result = run(new HashMap<>(), script, "--help");
            assertEquals(0, result.status(), script);
            assertTrue(result.out().startsWith("Usage: submit-scripts/" + script), result.out());
            assertTrue(result.out().contains("submit-scripts/" + script + " ") && result.out().contains("--dry-run"),
                    result.out());
        }
    }
}
