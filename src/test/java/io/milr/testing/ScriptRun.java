package io.milr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the project's scripts (e.g. {@code submit-scripts/standalone.sh}) running as a process of
 * its own, its output (stdout and stderr together) going to a file. {@link #close()} kills it and
 * whatever it started if it still runs.
 */
public final class ScriptRun implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ScriptRun(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code script} with {@code args} from the project directory, with this JVM's environment
     * less the variables named in {@code unset} and plus {@code env}.
     */
    public static ScriptRun start(String script, List<String> args, Map<String, String> env, List<String> unset) {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(args);
        try {
            Path output = Files.createTempFile("milr-script", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            unset.forEach(builder.environment()::remove);
            builder.environment().putAll(env);
            return new ScriptRun(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script, e);
        }
    }

    /** Waits for the script to end; kills it after {@code timeout}. Returns its exit status. */
    public int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String printed = output();
                close();
                throw new IllegalStateException("the script still ran after " + timeout.toSeconds() + " s and was"
                        + " killed; its output:\n" + printed);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(15, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // A temporary log left behind is harmless.
        }
    }
}
