package io.milr.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.milr.testing.KubernetesApiServer;
import io.milr.testing.ScriptRun;
import io.milr.testing.SparkDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * submit-scripts/k8s.sh with a Spark distribution built with Kubernetes support (a stand-in
 * SPARK_HOME: Spark's jars plus spark-kubernetes and fabric8's client, target/k8s-classpath.txt)
 * against a mock Kubernetes API server on 127.0.0.1, and what Spark's own submission client created
 * there: the driver pod, its service and its config map. The mock only stores objects and runs no
 * pod, so this shows that k8s.sh yields the intended driver pod spec and configuration; not that
 * the image starts, that executor pods are created, or that anything trains on Kubernetes.
 */
class KubernetesSubmitIT {
    private static final String IMAGE = "registry.example/milr:test";
    private static final String NAMESPACE = "milr-it";
    private static final String JAR = "local:///opt/milr/milr.jar";
    // Not k8s.sh's defaults (4g, 4g, one BLAS thread, Spark's two executors), so that each one
    // checked below can only have come from the command line.
    private static final int DRIVER_MIB = 2048;
    private static final int EXECUTOR_MIB = 3072;
    private static final int BLAS_THREADS = 2;
    private static final int EXECUTORS = 3;
    private static final List<String> MILR_ARGS = List.of("train", "--set", "model.hidden=48",
            "--set", "data.train=hdfs://nn:8020/data/mnist/train", "--set", "data.test=hdfs://nn:8020/data/mnist/t10k",
            "--out", "hdfs://nn:8020/runs/k8s-it");

    private static KubernetesApiServer api;
    private static SparkDistribution spark;

    @BeforeAll
    static void start() {
        api = KubernetesApiServer.start();
        spark = SparkDistribution.create(Path.of("target/k8s-classpath.txt"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (spark != null) {
            spark.close();
        }
    }

    /** Runs k8s.sh with {@code options} before the milr arguments; returns its status and output. */
    private static Map.Entry<Integer, String> submit(String namespace, List<String> options) {
        List<String> args = new ArrayList<>(List.of("--master", api.masterUrl(), "--image", IMAGE,
                "--namespace", namespace));
        args.addAll(options);
        args.addAll(MILR_ARGS);
        // No kubeconfig of this machine's user: the master URL is all the client gets.
        Map<String, String> env = Map.of("SPARK_HOME", spark.home().toString(), "KUBECONFIG", "/nonexistent/kubeconfig");
        try (ScriptRun run = ScriptRun.start("submit-scripts/k8s.sh", args, env,
                List.of("OMP_NUM_THREADS", "MILR_JAR", "MILR_MASTER", "MILR_IMAGE"))) {
            int status = run.await(Duration.ofMinutes(3));
            return Map.entry(status, run.output());
        }
    }

    @Test
    void theDriverPodAndItsConfigurationAreWhatK8sShAskedFor() throws IOException {
        Map.Entry<Integer, String> result = submit(NAMESPACE, List.of("--driver-memory", DRIVER_MIB / 1024 + "g",
                "--executor-memory", EXECUTOR_MIB / 1024 + "g", "--blas-threads", String.valueOf(BLAS_THREADS),
                "--num-executors", String.valueOf(EXECUTORS),
                // The mock never runs the pod, so the client must not wait for it to finish.
                "--conf", "spark.kubernetes.submission.waitAppCompletion=false"));
        String output = result.getValue();
        assertEquals(0, result.getKey(), output);

        List<Pod> pods = api.pods(NAMESPACE);
        assertEquals(1, pods.size(), "the driver pod alone (nothing runs it to ask for executors): " + pods);
        Pod driver = pods.get(0);
        assertEquals("driver", driver.getMetadata().getLabels().get("spark-role"));
        assertTrue(driver.getMetadata().getName().startsWith("milr-train-"), "named after the application 'milr train': "
                + driver.getMetadata().getName());
        Container container = driver.getSpec().getContainers().get(0);
        assertEquals(IMAGE, container.getImage());

        // Spark's image entrypoint runs `spark-submit --properties-file ... --class ... JAR ARGS` in
        // the pod: the application jar in the image, and milr's arguments word for word.
        List<String> expectedArgs = new ArrayList<>(List.of("driver", "--properties-file", "/opt/spark/conf/spark.properties",
                "--class", "io.milr.cli.Main", JAR));
        expectedArgs.addAll(MILR_ARGS);
        assertEquals(expectedArgs, container.getArgs());

        assertEquals(String.valueOf(BLAS_THREADS), env(container, "OMP_NUM_THREADS"), container.getEnv().toString());

        // The pod is sized heap + spark.driver.memoryOverhead, which k8s.sh sets to heap + 384 MiB.
        long driverPodMib = DRIVER_MIB + overheadMib(DRIVER_MIB);
        assertMib(driverPodMib, container.getResources().getRequests().get("memory"), "driver memory request");
        assertMib(driverPodMib, container.getResources().getLimits().get("memory"), "driver memory limit");

        Properties conf = sparkProperties(driver);
        assertEquals(EXECUTOR_MIB / 1024 + "g", conf.getProperty("spark.executor.memory"));
        assertEquals(overheadMib(EXECUTOR_MIB) + "m", conf.getProperty("spark.executor.memoryOverhead"));
        assertEquals(overheadMib(DRIVER_MIB) + "m", conf.getProperty("spark.driver.memoryOverhead"));
        assertEquals(String.valueOf(EXECUTORS), conf.getProperty("spark.executor.instances"));
        assertEquals(String.valueOf(BLAS_THREADS), conf.getProperty("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals(IMAGE, conf.getProperty("spark.kubernetes.container.image"));
        assertEquals(NAMESPACE, conf.getProperty("spark.kubernetes.namespace"));
        assertEquals("cluster", conf.getProperty("spark.submit.deployMode"));
        assertEquals(JAR, conf.getProperty("spark.jars"));
        for (String flag : Files.readAllLines(Path.of("submit-scripts/jvm-options.txt"))) {
            if (!flag.isBlank()) {
                assertTrue(words(conf.getProperty("spark.executor.extraJavaOptions")).contains(flag), "executor: " + flag);
                assertTrue(words(conf.getProperty("spark.driver.extraJavaOptions")).contains(flag), "driver: " + flag);
            }
        }

        // The driver's service (created by server-side apply, as the config map) selects its pod.
        List<Service> services = api.services(NAMESPACE);
        assertEquals(1, services.size(), services.toString());
        assertTrue(driver.getMetadata().getLabels().entrySet()
                .containsAll(services.get(0).getSpec().getSelector().entrySet()), services.toString());
    }

    @Test
    void aWrongSizeStopsK8sShBeforeAnythingReachesTheApiServer() {
        String namespace = "milr-it-refused";
        Map.Entry<Integer, String> result = submit(namespace, List.of("--executor-memory", "3",
                "--conf", "spark.kubernetes.submission.waitAppCompletion=false"));

        assertEquals(2, result.getKey(), result.getValue());
        assertEquals("k8s.sh: memory size '3': expected a number with a unit, e.g. 4g or 512m\n", result.getValue());
        assertEquals(List.of(), api.pods(namespace));
        assertEquals(List.of(), api.configMaps(namespace));
    }

    /** overhead = heap + 384 MiB (container_overhead_confs in submit-scripts/common.sh). */
    private static long overheadMib(int heapMib) {
        return heapMib + 384L;
    }

    private static void assertMib(long mib, Quantity quantity, String what) {
        assertEquals(0, BigDecimal.valueOf(mib << 20).compareTo(Quantity.getAmountInBytes(quantity)),
                what + ": " + quantity + ", expected " + mib + "Mi");
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    private static List<String> words(String value) {
        return value == null ? List.of() : List.of(value.split(" +"));
    }

    /** The spark.properties of the config map that the driver pod mounts as Spark's conf directory. */
    private static Properties sparkProperties(Pod driver) throws IOException {
        String name = driver.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .map(Volume::getConfigMap).map(source -> source.getName()).findFirst().orElseThrow();
        ConfigMap map = api.configMaps(driver.getMetadata().getNamespace()).stream()
                .filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no config map " + name));
        Properties properties = new Properties();
        properties.load(new StringReader(map.getData().get("spark.properties")));
        return properties;
    }
}
