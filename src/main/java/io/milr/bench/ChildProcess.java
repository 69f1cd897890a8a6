package io.milr.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs one measured system in a process of its own, so that its thread settings (which native
 * libraries read from the environment when they load) and its JIT and heap are its own. Output goes
 * to a log file; a failure names it and quotes its end.
 */
final class ChildProcess {
    private static final int QUOTED_LINES = 15;

    private ChildProcess() {
    }

    /**
     * {@code java} with this JVM's classpath and its options (heap, Spark's module openings), minus
     * agents and recorders, plus {@code extraOptions}, running {@code main} with {@code args}.
     */
    static List<String> java(Class<?> main, List<String> extraOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!(option.startsWith("-agentlib") || option.startsWith("-javaagent") || option.startsWith("-Xrunjdwp")
                    || option.startsWith("-XX:StartFlightRecording") || option.startsWith("-XX:FlightRecorderOptions"))) {
                command.add(option);
            }
        }
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(classPath(main));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /**
     * This JVM's classpath, plus where {@code main} was loaded from when that is not on it: under
     * spark-submit (the submit scripts) milr.jar is loaded by Spark's own class loader, not the JVM's.
     */
    private static String classPath(Class<?> main) {
        String classPath = System.getProperty("java.class.path");
        CodeSource source = main.getProtectionDomain().getCodeSource();
        if (source == null) {
            return classPath;
        }
        try {
            String own = Path.of(source.getLocation().toURI()).toString();
            return Arrays.asList(classPath.split(File.pathSeparator)).contains(own) ? classPath
                    : own + File.pathSeparator + classPath;
        } catch (URISyntaxException e) {
            return classPath;
        }
    }

    /** Runs {@code command} with {@code environment} added, its output in {@code log}; fails unless it exits with 0. */
    static void run(String what, List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            Files.writeString(log, "");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot start " + what + " (" + command.get(0) + ")", e);
        }
        Thread stopChild = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException("bench: " + what + " failed (exit status " + status + "); its log "
                        + log + " ends with:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench: interrupted while " + what + " ran", e);
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
