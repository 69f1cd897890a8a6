package io.milr.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HDFS that cannot be used, for an input, {@code --out} and {@code --resume}, on a real MiniDFSCluster:
 * a NameNode that is down, one that does not answer, an unknown host, a port that is not the NameNode's,
 * and directories or files the user may not read or write. Each is one {@code milr:} line naming the
 * setting, the URI and the cause, exit status 2, Spark never started ({@link NoSpark}), nothing written.
 */
class StorageErrorsHdfsTest {
    private static final String UNKNOWN_HOST = "nosuchhost.invalid";
    /** The local MNIST inputs, for the runs whose inputs are fine. */
    private static final String[] GOOD_INPUTS = {"--set", "data.train=data/mnist/train", "--set", "data.test=data/mnist/t10k"};

    @TempDir
    static java.nio.file.Path dir;
    private static MiniDFSCluster hdfs;
    private static String root;
    /** hdfs://127.0.0.1:PORT of a NameNode that ran and was shut down. */
    private static String stopped;
    private static String rootOwner;

    @BeforeAll
    static void startHdfsWithPrivateAndReadOnlyDirectories() throws IOException {
        MiniDFSCluster gone = new MiniDFSCluster.Builder(new Configuration(), dir.resolve("gone").toFile())
                .numDataNodes(0).build();
        gone.waitActive();
        stopped = "hdfs://127.0.0.1:" + gone.getNameNodePort();
        gone.shutdown();

        Configuration conf = new Configuration();
        conf.setBoolean("dfs.permissions.enabled", true);
        hdfs = new MiniDFSCluster.Builder(conf, dir.resolve("dfs").toFile()).numDataNodes(1).build();
        hdfs.waitActive();
        root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
        // The test JVM started the NameNode, so its user is HDFS's superuser: it owns what it makes here.
        FileSystem fs = hdfs.getFileSystem();
        fs.mkdirs(new Path("/private/mnist"));
        fs.setPermission(new Path("/private"), new FsPermission((short) 0700));
        fs.mkdirs(new Path("/readonly"));
        fs.setPermission(new Path("/readonly"), new FsPermission((short) 0755));
        for (String file : List.of("/readonly/train-images-idx3-ubyte", "/readonly/train-labels-idx1-ubyte")) {
            try (OutputStream out = fs.create(new Path(file))) {
                out.write(new byte[] {0, 0, 8, 3});
            }
            fs.setPermission(new Path(file), new FsPermission((short) 0600));
        }
        rootOwner = fs.getFileStatus(new Path("/private")).getOwner();
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    private static String refusedBy(String uri) {
        String hostPort = uri.substring("hdfs://".length());
        return "connection refused by " + hostPort
                + "; is the NameNode running, and is that its RPC port (fs.defaultFS; 8020 by default)?";
    }

    @Test
    void anInputOnANameNodeThatIsDown() {
        java.nio.file.Path out = dir.resolve("run-down");
        String train = stopped + "/data/mnist/train";

        Refusal.of("train", "--set", "data.train=" + train, "--out", out.toString())
                .assertUserError("data.train = " + train + ": " + refusedBy(stopped));
        assertFalse(Files.exists(out), "a failing input is found before --out is created");
    }

    @Test
    void outAndResumeOnANameNodeThatIsDown() {
        Refusal.of(concat(GOOD_INPUTS, "train", "--out", stopped + "/runs/1"))
                .assertUserError("--out " + stopped + "/runs/1: " + refusedBy(stopped));
        Refusal.of("train", "--resume", stopped + "/runs/1")
                .assertUserError("--resume " + stopped + "/runs/1: " + refusedBy(stopped));
        Refusal.of("report", stopped + "/runs/1")
                .assertUserError("report " + stopped + "/runs/1: " + refusedBy(stopped));
    }

    @Test
    void anUnknownHost() {
        String test = "hdfs://" + UNKNOWN_HOST + ":8020/data/mnist/t10k";
        String cause = ": unknown host '" + UNKNOWN_HOST + "'; check the host name in the URI";

        Refusal.of("train", "--set", "data.test=" + test, "--out", dir.resolve("run-host").toString())
                .assertUserError("data.test = " + test + cause);
        Refusal.of(concat(GOOD_INPUTS, "train", "--out", "hdfs://" + UNKNOWN_HOST + ":8020/runs/1"))
                .assertUserError("--out hdfs://" + UNKNOWN_HOST + ":8020/runs/1" + cause);
        Refusal.of("train", "--resume", "hdfs://" + UNKNOWN_HOST + ":8020/runs/1")
                .assertUserError("--resume hdfs://" + UNKNOWN_HOST + ":8020/runs/1" + cause);
        assertFalse(Files.exists(dir.resolve("run-host")));
    }

    /** The NameNode's web port instead of its RPC port: it answers, in HTTP. */
    @Test
    void aPortThatIsNotTheNameNodes() {
        String web = "127.0.0.1:" + hdfs.getNameNode().getHttpAddress().getPort();
        String train = "hdfs://" + web + "/data/mnist/train";

        Refusal.of("train", "--set", "data.train=" + train, "--out", dir.resolve("run-port").toString())
                .assertUserError("data.train = " + train + ": " + web + " answered, but not as a NameNode: is that"
                        + " its RPC port (fs.defaultFS; 8020 by default), not its web UI's (9870)?");
        assertFalse(Files.exists(dir.resolve("run-port")));
    }

    /**
     * A NameNode address whose connects are never answered (a firewall that drops them, a machine that
     * is off): a listening socket on 127.0.0.1 whose accept queue is full, so the kernel drops further
     * connects. Hadoop's defaults try such a connect 45 times for 20 s each, a quarter of an hour per
     * call (measured: still waiting after 120 s); the probe tries once, for 5 s (measured 5.7 s with
     * Main's start). The bound is a guard, not a speed target: below one default connect timeout (20 s),
     * so that a probe sharing an IPC client made with the defaults fails it too (measured: 21 s).
     */
    @Test
    void aNameNodeThatDoesNotAnswerIsGivenUpInSeconds() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                assumeTrue(fillAcceptQueue(server, queued), "this kernel answered every connect; no black hole");
                String train = "hdfs://127.0.0.1:" + server.getLocalPort() + "/data/mnist/train";
                Refusal refusal = Refusal.of("train", "--set", "data.train=" + train, "--out",
                        dir.resolve("run-silent").toString());

                refusal.assertUserError("data.train = " + train + ": no answer from 127.0.0.1:" + server.getLocalPort()
                        + " in time (the connection timed out); is the host up, is that its address, and does a"
                        + " firewall let the connection through?");
                refusal.assertWithin(Duration.ofSeconds(15));
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    /** Connects until one times out: then the kernel drops connects to this port. */
    private static boolean fillAcceptQueue(ServerSocket server, List<Socket> queued) throws IOException {
        for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), 500);
                queued.add(socket);
            } catch (SocketTimeoutException dropped) {
                socket.close();
                return true;
            }
        }
        return false;
    }

    @Test
    void anInputInADirectoryTheUserMayNotEnter() throws Exception {
        String train = root + "/private/mnist/train";
        java.nio.file.Path out = dir.resolve("run-private");

        asAlice(() -> Refusal.of("train", "--set", "data.train=" + train, "--out", out.toString()))
                .assertUserError("data.train = " + train + ": permission denied: user alice has no EXECUTE access to"
                        + " /private (owner " + rootOwner + ", group supergroup, mode drwx------)");
        assertFalse(Files.exists(out));
    }

    /** The directory may be listed, its files not read: found when the first file is opened. */
    @Test
    void anInputFileTheUserMayNotRead() throws Exception {
        String images = root + "/readonly/train-images-idx3-ubyte";

        asAlice(() -> Refusal.of("train", "--set", "data.train=" + root + "/readonly/train", "--out",
                dir.resolve("run-unreadable").toString()))
                .assertUserError(images + ": permission denied: user alice has no READ access to"
                        + " /readonly/train-images-idx3-ubyte (owner " + rootOwner + ", group supergroup, mode -rw-------)");
        assertFalse(Files.exists(dir.resolve("run-unreadable")));
    }

    @Test
    void outAndResumeInADirectoryTheUserMayNotEnter() throws Exception {
        String cause = ": permission denied: user alice has no EXECUTE access to /private (owner " + rootOwner
                + ", group supergroup, mode drwx------)";

        asAlice(() -> Refusal.of(concat(GOOD_INPUTS, "train", "--out", root + "/private/run")))
                .assertUserError("--out " + root + "/private/run" + cause);
        asAlice(() -> Refusal.of("train", "--resume", root + "/private/run"))
                .assertUserError("--resume " + root + "/private/run" + cause);
        assertFalse(hdfs.getFileSystem().exists(new Path("/private/run")));
    }

    /** Reached and looked up, refused only by the mkdirs that creates it. */
    @Test
    void outInADirectoryTheUserMayNotWrite() throws Exception {
        asAlice(() -> Refusal.of(concat(GOOD_INPUTS, "train", "--set", "data.trainLimit=100", "--set",
                "data.testLimit=100", "--out", root + "/readonly/run")))
                .assertUserError("--out " + root + "/readonly/run: permission denied: user alice has no WRITE access to"
                        + " /readonly (owner " + rootOwner + ", group supergroup, mode drwxr-xr-x)");
        assertFalse(hdfs.getFileSystem().exists(new Path("/readonly/run")));
    }

    private static Refusal asAlice(PrivilegedExceptionAction<Refusal> run) throws Exception {
        return UserGroupInformation.createRemoteUser("alice").doAs(run);
    }

    private static String[] concat(String[] settings, String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(List.of(settings));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
