package io.milr.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real YARN and HDFS on 127.0.0.1 for tests, in this JVM: a MiniDFSCluster (one NameNode, one
 * DataNode) and a MiniYARNCluster (one ResourceManager, one NodeManager whose containers are
 * processes of their own), from hadoop-client-minicluster, the same Hadoop 3.3.4 as Spark's client.
 * {@link #confDir()} is what a user's HADOOP_CONF_DIR holds: yarn-site.xml and core-site.xml, whose
 * fs.defaultFS is the HDFS. The settings are those Spark's own YARN test suite uses, plus a
 * capacity scheduler queue (the minicluster jar has no capacity-scheduler.xml).
 */
public final class YarnCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String EXECUTOR_CLASS = "CoarseGrainedExecutorBackend";
    private static final String AM_CLASS = "org.apache.spark.deploy.yarn.ApplicationMaster";

    private final Path home;
    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;

    private YarnCluster(Path home, MiniDFSCluster hdfs, MiniYARNCluster yarn) {
        this.home = home;
        this.hdfs = hdfs;
        this.yarn = yarn;
    }

    /**
     * Starts HDFS and YARN with a NodeManager of {@code nodeMemoryMb} (a 1 GiB executor takes 2.4 GiB
     * with milr's overhead) and writes their client configuration.
     */
    public static YarnCluster start(int nodeMemoryMb) {
        Path home;
        MiniDFSCluster hdfs = null;
        try {
            home = Files.createTempDirectory("milr-yarn");
            hdfs = new MiniDFSCluster.Builder(new Configuration(), home.resolve("hdfs").toFile()).numDataNodes(1).build();
            hdfs.waitActive();
            MiniYARNCluster yarn = new MiniYARNCluster("milr-yarn", 1, 1, 1);
            yarn.init(yarnConfiguration(hdfs.getURI().toString(), nodeMemoryMb));
            yarn.start();
            YarnCluster cluster = new YarnCluster(home, hdfs, yarn);
            cluster.awaitResourceManager();
            cluster.writeClientConfiguration();
            return cluster;
        } catch (IOException e) {
            if (hdfs != null) {
                hdfs.shutdown();
            }
            throw new UncheckedIOException(e);
        }
    }

    private static YarnConfiguration yarnConfiguration(String defaultFs, int nodeMemoryMb) {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", defaultFs);
        conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        String queue = "yarn.scheduler.capacity.root.default.";
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.set(queue + "capacity", "100");
        conf.set(queue + "user-limit-factor", "1");
        conf.set(queue + "maximum-capacity", "100");
        conf.set(queue + "state", "RUNNING");
        conf.set(queue + "acl_submit_applications", "*");
        conf.set(queue + "acl_administer_queue", "*");
        conf.set("yarn.scheduler.capacity.node-locality-delay", "-1");
        // The build machine's disk may be fuller than YARN's default 90% health limit.
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", nodeMemoryMb);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
        return conf;
    }

    /** The ResourceManager binds port 0 first; its real address is known once it listens. */
    private void awaitResourceManager() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ResourceManager had no address after " + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    private void writeClientConfiguration() throws IOException {
        Path dir = Files.createDirectories(home.resolve("conf"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(out);
        }
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", hdfs.getURI().toString());
        try (OutputStream out = Files.newOutputStream(dir.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
    }

    /** HADOOP_CONF_DIR for spark-submit: yarn-site.xml and core-site.xml. */
    public Path confDir() {
        return home.resolve("conf");
    }

    /** hdfs://127.0.0.1:PORT */
    public String hdfsUri() {
        return hdfs.getURI().toString();
    }

    public FileSystem fileSystem() {
        try {
            return hdfs.getFileSystem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder for the tests' own files (e.g. spark.yarn.stagingDir), deleted with the cluster. */
    public Path scratch(String name) {
        try {
            return Files.createDirectories(home.resolve("scratch").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies local files into HDFS directory {@code dir}. */
    public void upload(Path dir, List<String> files, String hdfsDir) {
        try {
            for (String file : files) {
                fileSystem().copyFromLocalFile(new org.apache.hadoop.fs.Path(dir.resolve(file).toAbsolutePath().toUri()),
                        new org.apache.hadoop.fs.Path(hdfsDir + "/" + file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The applications the ResourceManager knows, by id. */
    public Map<ApplicationId, RMApp> applications() {
        return yarn.getResourceManager().getRMContext().getRMApps();
    }

    /** The one application named {@code name}; fails if there is none or several. */
    public RMApp application(String name) {
        List<RMApp> named = applications().values().stream().filter(app -> app.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new IllegalStateException(named.size() + " applications named '" + name + "': " + applications().values()
                    .stream().map(app -> app.getApplicationId() + " " + app.getName()).toList());
        }
        return named.get(0);
    }

    /** Every container log file ({@code stdout}, {@code stderr}) of {@code app}, under the NodeManager's log dirs. */
    public List<Path> containerLogs(ApplicationId app) {
        List<Path> logs = new ArrayList<>();
        for (String dir : yarn.getNodeManager(0).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOG_DIRS)) {
            Path appDir = Path.of(dir.replaceFirst("^file:", "")).resolve(app.toString());
            if (Files.isDirectory(appDir)) {
                try (Stream<Path> files = Files.walk(appDir)) {
                    files.filter(Files::isRegularFile).sorted().forEach(logs::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return logs;
    }

    /** The last lines of every container log of {@code app}, for failure messages. */
    public String logTails(ApplicationId app) {
        StringBuilder text = new StringBuilder();
        for (Path log : containerLogs(app)) {
            text.append("--- ").append(log.getParent().getFileName()).append('/').append(log.getFileName())
                    .append(" (last lines)\n").append(TempFiles.tail(log, 30));
        }
        return text.toString();
    }

    /**
     * Executor JVMs that the NodeManager runs now: its containers are processes below this JVM (the
     * java below each container's launch script, whose own command line names the class too).
     */
    public List<ProcessHandle> executors() {
        return containerJvms(EXECUTOR_CLASS);
    }

    /** ApplicationMaster JVMs running now; in cluster mode each is its application's driver. */
    public List<ProcessHandle> applicationMasters() {
        return containerJvms(AM_CLASS);
    }

    private static List<ProcessHandle> containerJvms(String mainClass) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(mainClass)).orElse(false))
                .toList();
    }

    @Override
    public void close() {
        try {
            yarn.stop();
        } finally {
            hdfs.shutdown();
            TempFiles.deleteTree(home);
        }
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
