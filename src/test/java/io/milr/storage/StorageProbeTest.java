package io.milr.storage;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the probe asks of Hadoop's clients, and what it leaves to the job. */
class StorageProbeTest {

    /**
     * The figures behind "within seconds", asserted where they are decided rather than timed: one
     * attempt everywhere, connects given 5 s; Hadoop's defaults (core-default.xml of 3.3.4) are 45
     * attempts of 20 s for a silent NameNode, 20 SDK attempts times 7 S3A retries for S3.
     */
    @Test
    void theProbeTriesOnceWithShortTimeouts() {
        Configuration probe = new StorageProbe(new Configuration()).configuration();

        assertEquals(0, probe.getInt("ipc.client.connect.max.retries", -1));
        assertEquals(0, probe.getInt("ipc.client.connect.max.retries.on.timeouts", -1));
        assertEquals(5_000, probe.getInt("ipc.client.connect.timeout", -1));
        assertEquals(10_000, probe.getInt("ipc.client.rpc-timeout.ms", -1));
        assertEquals(1, probe.getInt("fs.s3a.attempts.maximum", -1));
        assertEquals(1, probe.getInt("fs.s3a.retry.limit", -1));
        assertEquals(5_000, probe.getInt("fs.s3a.connection.establish.timeout", -1));
        assertEquals(10_000, probe.getInt("fs.s3a.connection.timeout", -1));
        assertEquals(ProbeSocketFactory.class.getName(), probe.get(StorageProbe.SOCKET_FACTORY));
    }

    @Test
    void theJobKeepsItsOwnSettings() {
        Configuration job = new Configuration();
        job.set("fs.s3a.retry.limit", "9");
        Map<String, String> before = Map.of("ipc.client.connect.max.retries.on.timeouts",
                job.get("ipc.client.connect.max.retries.on.timeouts"), "fs.s3a.retry.limit", "9",
                StorageProbe.SOCKET_FACTORY, job.get(StorageProbe.SOCKET_FACTORY));

        new StorageProbe(job);

        before.forEach((key, value) -> assertEquals(value, job.get(key), key));
        assertEquals("45", job.get("ipc.client.connect.max.retries.on.timeouts"), "Hadoop's default, untouched");
    }

    /** A SOCKS factory is how that user reaches the NameNode at all. */
    @Test
    void aSocketFactoryOfTheUsersIsKept() {
        Configuration job = new Configuration();
        job.set(StorageProbe.SOCKET_FACTORY, "org.apache.hadoop.net.SocksSocketFactory");

        assertEquals("org.apache.hadoop.net.SocksSocketFactory",
                new StorageProbe(job).configuration().get(StorageProbe.SOCKET_FACTORY));
    }

    @Test
    void aGlobIsProbedAtTheDirectoryBeforeIt() {
        assertEquals(new Path("hdfs://nn:8020/data/x16/"), StorageProbe.withoutGlob("hdfs://nn:8020/data/x16/train-part-*"));
        assertEquals(new Path("s3a://bucket/"), StorageProbe.withoutGlob("s3a://bucket/part-[0-9]"));
        assertEquals(new Path("data/mnist/train"), StorageProbe.withoutGlob("data/mnist/train"));
        assertEquals(new Path("."), StorageProbe.withoutGlob("train-?"));
    }

    /** An answer, even "no such file", is a file system reached: the readers say what is missing. */
    @Test
    void aMissingPathIsReachedAndAMissingSchemeIsNot() {
        StorageProbe probe = new StorageProbe(new Configuration());
        probe.reach(StorageUri.key("data.train", "/nonexistent/milr/train"));

        StorageException noScheme = assertThrows(StorageException.class,
                () -> probe.reach(StorageUri.argument("--out", "nosuchscheme://x/runs/1")));
        assertTrue(noScheme.getMessage().startsWith("--out nosuchscheme://x/runs/1: no Hadoop file system for scheme"
                + " nosuchscheme on the classpath; add the package that provides it"), noScheme.getMessage());
    }
}
