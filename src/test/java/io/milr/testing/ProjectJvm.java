package io.milr.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A separate JVM running one of the project's main classes from the test classpath, with the flags
 * every milr JVM gets ({@code submit-scripts/jvm-options.txt}, one BLAS thread), its output in a log
 * file. Tests kill it (as a lost driver) or wait for it; {@link #close} makes sure it is gone.
 */
public final class ProjectJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ProjectJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args}; stdout and stderr go to {@code log}. */
    public static ProjectJvm start(String heap, Path log, String mainClass, String... args) {
        return startWithout(List.of(), heap, log, mainClass, args);
    }

    /**
     * As {@link #start}, on the test classpath less the jars whose file names start with one of
     * {@code leftOut}: a JVM as a cluster without that package runs milr.
     */
    public static ProjectJvm startWithout(List<String> leftOut, String heap, Path log, String mainClass,
                                          String... args) {
        String classpath = String.join(File.pathSeparator, Arrays.stream(testClasspath().split(File.pathSeparator))
                .filter(entry -> leftOut.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
                .toList());
        ProcessBuilder builder = command(heap, classpath, mainClass, List.of(args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new ProjectJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    /** Waits for the JVM to exit by itself; its exit status. Fails (with the log) if it has not in time. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the JVM did not exit within " + timeout.toSeconds() + " s; its log:\n" + log());
        }
        return process.exitValue();
    }

    /**
     * The command and environment every JVM the tests start gets, as the submit scripts give them:
     * this JVM's java, the heap, the Java 17 flags of {@code submit-scripts/jvm-options.txt}, 127.0.0.1 and
     * one BLAS thread.
     */
    static ProcessBuilder command(String heap, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "@" + Path.of("submit-scripts/jvm-options.txt").toAbsolutePath(), "-cp", classpath,
                mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder;
    }

    /** Surefire passes the test classpath in a property; java.class.path may be its manifest-only jar. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits until {@code condition} holds; fails (with the log) if the JVM exits first or time runs out. */
    public void awaitWhileAlive(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("the JVM exited with status " + process.exitValue() + " before " + what + "; its log:\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + timeout.toSeconds() + " s; the JVM's log:\n" + log());
            }
            Thread.sleep(20);
        }
    }

    /** kill -9, as a machine or driver loss does: no shutdown hook runs. Returns the exit status (137). */
    public int killHard() throws InterruptedException {
        if (!process.isAlive()) {
            fail("the JVM had already exited with status " + process.exitValue() + "; its log:\n" + log());
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the JVM did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
