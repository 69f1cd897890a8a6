package io.milr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: one Master and {@code workers} Workers,
 * each its own JVM started from the project's classpath ({@code target/spark-classpath.txt}, a
 * whole Spark, written by {@code mvn package}) with the Java 17 flags of
 * {@code submit-scripts/jvm-options.txt}. The Workers launch executors the way a Spark
 * installation does: {@code SPARK_HOME} is a temporary folder whose {@code jars/} links to those
 * jars. Everything it starts is stopped by {@link #close()}, or by a shutdown hook if the test JVM
 * ends first.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final Path CLASSPATH_FILE = Path.of("target/spark-classpath.txt");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final Path home;
    private final List<Daemon> daemons = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-stop");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String masterUrl;
    private int masterUiPort;
    private boolean closed;

    /** One Master or Worker JVM and the file its output goes to. */
    private record Daemon(String name, Process process, Path log) {
    }

    private StandaloneCluster(Path home) {
        this.home = home;
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code coresPerWorker} cores and {@code memoryPerWorker}
     * (e.g. "1g") each, and returns once the Master counts every Worker alive.
     */
    public static StandaloneCluster start(int workers, int coresPerWorker, String memoryPerWorker) {
        if (!Files.isRegularFile(CLASSPATH_FILE)) {
            throw new IllegalStateException(CLASSPATH_FILE.toAbsolutePath() + " is missing: the cluster tests need"
                    + " `mvn package` first (they are failsafe integration tests: mvn verify)");
        }
        StandaloneCluster cluster;
        try {
            cluster = new StandaloneCluster(Files.createTempDirectory("milr-standalone"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startDaemons(workers, coresPerWorker, memoryPerWorker);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startDaemons(int workers, int coresPerWorker, String memoryPerWorker) {
        String classpath = readClasspath();
        linkJars(classpath);
        int masterPort = freePort();
        masterUiPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        daemons.add(launch("master", classpath, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                "--webui-port", Integer.toString(masterUiPort)));
        for (int w = 1; w <= workers; w++) {
            daemons.add(launch("worker-" + w, classpath, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--port", Integer.toString(freePort()),
                    "--webui-port", Integer.toString(freePort()), "--cores", Integer.toString(coresPerWorker),
                    "--memory", memoryPerWorker, "--work-dir", home.resolve("work/worker-" + w).toString(),
                    masterUrl));
        }
        awaitWorkers(workers);
    }

    private static String readClasspath() {
        try {
            return Files.readString(CLASSPATH_FILE).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SPARK_HOME/jars: what a Worker puts on its executors' classpath. */
    private void linkJars(String classpath) {
        try {
            Path jars = Files.createDirectories(home.resolve("spark-home/jars"));
            for (String entry : classpath.split(":")) {
                Path jar = Path.of(entry);
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Daemon launch(String name, String classpath, String mainClass, String... args) {
        Path log = home.resolve("logs/" + name + ".log");
        ProcessBuilder builder = ProjectJvm.command("512m", classpath, mainClass, List.of(args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome().toString());
        // The launcher looks for a build directory to learn Scala's version unless it is told.
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_DIRS", home.resolve("local").toString());
        try {
            return new Daemon(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " JVM", e);
        }
    }

    /** A port free now; the daemon binds it a moment later (a race other processes rarely win). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitWorkers(int workers) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Daemon daemon : daemons) {
                if (!daemon.process().isAlive()) {
                    throw new IllegalStateException("the " + daemon.name() + " JVM exited with status "
                            + daemon.process().exitValue() + " while the cluster started:\n" + logTails());
                }
            }
            try {
                JsonNode state = masterState();
                last = "status " + state.path("status").asText() + ", " + state.path("aliveworkers").asInt()
                        + " of " + workers + " workers alive";
                if (state.path("status").asText().equals("ALIVE") && state.path("aliveworkers").asInt() == workers) {
                    return;
                }
            } catch (UncheckedIOException e) {
                last = e.getMessage();
            }
            sleep(250);
        }
        throw new IllegalStateException("the cluster was not ready after " + READY_TIMEOUT.toSeconds() + " s (" + last
                + "):\n" + logTails());
    }

    /** spark://127.0.0.1:PORT, for spark-submit's --master. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The temporary SPARK_HOME the Workers launch executors from. */
    public Path sparkHome() {
        return home.resolve("spark-home");
    }

    /** Worker {@code w}'s (1-based) work directory: app-ID/EXECUTOR-ID/stderr is each executor's log. */
    public Path workDir(int w) {
        return home.resolve("work/worker-" + w);
    }

    /** The Master's state as its web UI serves it at /json: workers, active and completed applications. */
    public JsonNode masterState() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UncheckedIOException(new IOException("Master /json answered HTTP " + response.statusCode()));
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Master /json: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The executor JVMs running now: the Workers' child processes {@code CoarseGrainedExecutorBackend}. */
    public List<ProcessHandle> executors() {
        return daemons.stream().filter(d -> d.name().startsWith("worker"))
                .flatMap(d -> d.process().descendants())
                .filter(StandaloneCluster::isExecutor)
                .toList();
    }

    private static boolean isExecutor(ProcessHandle process) {
        return process.isAlive() && process.info().commandLine().map(c -> c.contains(EXECUTOR_CLASS)).orElse(false);
    }

    /**
     * Kills one running executor JVM at once (SIGKILL, like a machine lost: no shutdown hooks, no
     * goodbye to the driver) and returns it, dead.
     *
     * @throws IllegalStateException when no executor runs
     */
    public ProcessHandle killOneExecutor() {
        ProcessHandle victim = executors().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no executor JVM is running:\n" + logTails()));
        victim.destroyForcibly();
        try {
            victim.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("executor " + victim.pid() + " did not die within 30 s", e);
        }
        return victim;
    }

    /** The last lines of every daemon's log and every executor's stderr, for failure messages. */
    public String logTails() {
        StringBuilder text = new StringBuilder();
        List<Path> logs = new ArrayList<>(daemons.stream().map(Daemon::log).toList());
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().forEach(logs::add);
        } catch (IOException | UncheckedIOException ignored) {
            // No executor has run yet.
        }
        for (Path log : logs) {
            text.append("--- ").append(home.relativize(log)).append(" (last lines)\n").append(TempFiles.tail(log, 25));
        }
        return text.toString();
    }

    /** Stops the executors, Workers and Master, and deletes the cluster's folder. */
    @Override
    public synchronized void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or while the JVM is ending: nothing to remove.
        }
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        // Workers first, with their executors (killed outright: they hold no state worth saving), then the Master.
        List<Daemon> order = new ArrayList<>(daemons);
        order.sort(Comparator.comparing((Daemon d) -> d.name().equals("master")));
        for (Daemon daemon : order) {
            daemon.process().descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.process().destroy();
        }
        for (Daemon daemon : order) {
            try {
                if (!daemon.process().waitFor(15, TimeUnit.SECONDS)) {
                    daemon.process().destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.process().destroyForcibly();
            }
        }
        TempFiles.deleteTree(home);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
