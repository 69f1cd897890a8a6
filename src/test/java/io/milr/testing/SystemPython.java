package io.milr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The system python (Debian's python3-sklearn beside it), not whichever python3 is first on PATH: the
 * independent oracle some tests compare with. A missing sklearn fails the test: CI installs it, so a
 * skip would hide a broken check.
 */
public final class SystemPython {
    public static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL_HINT = "install it with: apt-get install python3-sklearn";

    private SystemPython() {
    }

    public static void requireSklearn() throws InterruptedException {
        try {
            run("import sklearn.metrics", List.of());
        } catch (IOException | AssertionError e) {
            fail(PYTHON + " cannot import sklearn (" + e.getMessage() + "); " + INSTALL_HINT);
        }
    }

    /** Runs {@code python3 -c script args...}; its non-blank output lines, or a failed test. */
    public static List<String> run(String script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a pyenv or virtualenv setting must not redirect the system python to another library path
        builder.environment().remove("PYTHONPATH");
        builder.environment().remove("PYTHONHOME");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(PYTHON + " did not finish within 120 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            fail(PYTHON + " exited with " + process.exitValue() + ": " + text.strip());
        }
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
