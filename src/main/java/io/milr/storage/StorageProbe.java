package io.milr.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reaches the file system of each URI a job names, once, before Spark starts, so that a storage
 * failure is one line naming the URI and its setting, found in seconds.
 *
 * <p>Hadoop's clients are patient by default: an HDFS client whose NameNode does not answer a connect
 * tries {@code ipc.client.connect.max.retries.on.timeouts} (45) times {@code ipc.client.connect.timeout}
 * (20 s), a quarter of an hour per call; S3A retries {@code fs.s3a.attempts.maximum} (20) times in the SDK
 * and {@code fs.s3a.retry.limit} (7) times itself. Right for a job that should ride out a failover, wrong
 * for a check whose server is simply not there. The probe therefore runs on a copy of the job's
 * configuration with those cut to one attempt and short timeouts ({@link #PATIENCE}), on a file system
 * instance of its own ({@link FileSystem#newInstance}, closed after), so the job itself keeps the user's
 * settings and never sees the probe's. Hadoop's IPC clients are shared per socket factory, so the probe
 * makes its sockets with a factory of its own ({@link ProbeSocketFactory}).
 */
public final class StorageProbe {
    /** The connect timeout (ms) the probe gives a server; on a network that answers at all, ample. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long (ms) the probe waits for an answer on a connection made. */
    static final int ANSWER_TIMEOUT_MS = 10_000;

    /** The probe's settings, each replacing the job's in the probe's copy only. */
    static final Map<String, String> PATIENCE = Map.ofEntries(
            // HDFS (Hadoop IPC): one connect attempt, whether refused or timed out.
            Map.entry("ipc.client.connect.max.retries", "0"),
            Map.entry("ipc.client.connect.max.retries.on.timeouts", "0"),
            Map.entry("ipc.client.connect.timeout", Integer.toString(CONNECT_TIMEOUT_MS)),
            Map.entry("ipc.client.rpc-timeout.ms", Integer.toString(ANSWER_TIMEOUT_MS)),
            Map.entry("dfs.client.retry.policy.enabled", "false"),
            // HA NameNodes: enough failovers to try each of two, without the exponential sleeps.
            Map.entry("dfs.client.failover.max.attempts", "2"),
            Map.entry("dfs.client.failover.sleep.base.millis", "100"),
            Map.entry("dfs.client.failover.sleep.max.millis", "200"),
            Map.entry("dfs.client.failover.connection.retries", "0"),
            Map.entry("dfs.client.failover.connection.retries.on.timeouts", "0"),
            // S3A: one attempt in the AWS SDK and in S3A's own retry loop, short timeouts.
            Map.entry("fs.s3a.attempts.maximum", "1"),
            Map.entry("fs.s3a.retry.limit", "1"),
            Map.entry("fs.s3a.retry.interval", "100ms"),
            Map.entry("fs.s3a.retry.throttle.limit", "1"),
            Map.entry("fs.s3a.retry.throttle.interval", "100ms"),
            Map.entry("fs.s3a.connection.establish.timeout", Integer.toString(CONNECT_TIMEOUT_MS)),
            Map.entry("fs.s3a.connection.timeout", Integer.toString(ANSWER_TIMEOUT_MS)));

    /** Hadoop's key for the factory of its IPC sockets, and its default. */
    static final String SOCKET_FACTORY = "hadoop.rpc.socket.factory.class.default";
    private static final String STANDARD_SOCKETS = "org.apache.hadoop.net.StandardSocketFactory";

    private final Configuration probeConf;

    /** @param jobConf the job's configuration; copied, never changed */
    public StorageProbe(Configuration jobConf) {
        probeConf = new Configuration(jobConf);
        PATIENCE.forEach(probeConf::set);
        // A factory of the user's own (a SOCKS proxy) is kept: reaching the NameNode needs it.
        if (probeConf.get(SOCKET_FACTORY, STANDARD_SOCKETS).equals(STANDARD_SOCKETS)) {
            probeConf.set(SOCKET_FACTORY, ProbeSocketFactory.class.getName());
        }
    }

    /** The probe's copy of the configuration, for tests to see what it asks of the clients. */
    Configuration configuration() {
        return probeConf;
    }

    /** Reaches each URI in turn; the first that fails stops the job. */
    public void reach(StorageUri... uris) {
        for (StorageUri uri : uris) {
            reach(uri);
        }
    }

    /**
     * Asks the file system of {@code uri} for the status of its path (of the part before a glob): an
     * answer, even "no such file", shows the file system can be reached and the path looked up;
     * whether the data are there is for the readers to say.
     *
     * @throws StorageException when the user can fix what failed
     */
    public void reach(StorageUri uri) {
        Path path = withoutGlob(uri.uri());
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), probeConf)) {
            fs.getFileStatus(fs.makeQualified(path));
        } catch (FileNotFoundException notThere) {
            // Reached: the file system answered.
        } catch (IOException | RuntimeException e) {
            throw failure(uri, path, e);
        }
    }

    private static RuntimeException failure(StorageUri uri, Path path, Exception e) {
        Optional<String> cause = StorageFailure.causeOf(e, path.toUri());
        if (cause.isPresent()) {
            return new StorageException(uri.toString(), cause.get(), e);
        }
        if (e instanceof IOException) {
            // Unclassified, but still the file system refusing a status call: the user's to see.
            return new StorageException(uri.toString(), "cannot be reached: " + e.getMessage(), e);
        }
        return (RuntimeException) e;
    }

    /** The path up to the last directory before the first glob character, e.g. {@code /data/x} of {@code /data/x/part-*}. */
    static Path withoutGlob(String uri) {
        int glob = indexOfGlob(uri);
        if (glob < 0) {
            return new Path(uri);
        }
        int slash = uri.lastIndexOf('/', glob);
        return new Path(slash < 0 ? "." : uri.substring(0, slash + 1));
    }

    private static int indexOfGlob(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            if ("*?[{".indexOf(uri.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
