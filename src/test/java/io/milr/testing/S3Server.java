package io.milr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real S3-compatible server on 127.0.0.1: S3Proxy (copied to {@code target/s3proxy/s3proxy.jar} by the
 * build) in a JVM of its own, storing buckets as the subdirectories of a local directory, so that a test
 * makes a bucket with mkdir and sees every object written. It checks AWS signatures against one key pair.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "milr-test-key";
    public static final String SECRET_KEY = "milr-test-secret";
    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final Process process;
    private final int port;
    private final Path buckets;
    private final Path log;

    private S3Server(Process process, int port, Path buckets, Path log) {
        this.process = process;
        this.port = port;
        this.buckets = buckets;
        this.log = log;
    }

    /** Starts the server on a free port with its buckets and log under {@code dir}; waits until it answers. */
    public static S3Server start(Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            fail(JAR + " is missing: the build copies it in generate-test-resources (mvn test)");
        }
        int port = freePort();
        Path buckets = Files.createDirectories(dir.resolve("buckets"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n", List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + buckets.toAbsolutePath(),
                "jclouds.identity=unused",
                "jclouds.credential=unused")) + "\n");
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Server server = new S3Server(process, port, buckets, log);
        server.awaitListening();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("S3Proxy exited with status " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("S3Proxy did not listen on 127.0.0.1:" + port + " within 60 s:\n" + log());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The S3A settings that reach this server (path-style, plain HTTP), without credentials. */
    public Map<String, String> s3aSettings() {
        Map<String, String> settings = new TreeMap<>();
        settings.put("fs.s3a.endpoint", endpoint());
        settings.put("fs.s3a.endpoint.region", "us-east-1");
        settings.put("fs.s3a.path.style.access", "true");
        settings.put("fs.s3a.connection.ssl.enabled", "false");
        return settings;
    }

    public Path createBucket(String name) throws IOException {
        return Files.createDirectories(buckets.resolve(name));
    }

    /** Every bucket and object stored, as paths relative to the store. */
    public List<String> stored() throws IOException {
        try (var files = Files.walk(buckets)) {
            return files.filter(f -> !f.equals(buckets)).map(f -> buckets.relativize(f).toString()).sorted().toList();
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
