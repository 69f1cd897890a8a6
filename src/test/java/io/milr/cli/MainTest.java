package io.milr.cli;

import io.milr.testing.ShortRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's answers that come before any Spark work: help, keys and user errors. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void helpAndKeys() {
        assertEquals(0, run("--help"));
        for (String subcommand : List.of("train", "range-test", "compare", "evaluate", "predict", "report", "bench",
                "keys", "help")) {
            assertTrue(out.toString().contains("\n  " + subcommand + " "), subcommand + " listed:\n" + out);
        }
        out.reset();
        assertEquals(0, run("report", "--help"));
        assertTrue(out.toString().startsWith("Usage: milr report [-hV] [--out=DIR] DIR..."), out.toString());
        out.reset();
        assertEquals(0, run("help", "train"));
        assertTrue(out.toString().contains("--resume=DIR"), out.toString());
        assertEquals(0, run("keys"));
        assertTrue(out.toString().contains("mi.probeSize") && out.toString().contains("10000"));
    }

    /** A wrong command line: exit status 2, one line naming the option, and where the right ones are listed. */
    @Test
    void wrongOptionsNameTheOptionAndTheHelpThatListsTheRightOnes() {
        assertEquals(2, run("train", "--ouy", "runs/x"));
        assertEquals("milr: train: Unknown options: '--ouy', 'runs/x' (did you mean --out?). Run 'milr train --help'"
                + " for its options.\n", err.toString());
        err.reset();
        assertEquals(2, run("compare", "--resume", "runs/x"));
        assertTrue(err.toString().startsWith("milr: compare: Unknown options: '--resume', 'runs/x'"), err.toString());
        err.reset();
        assertEquals(2, run("train", "--set"));
        assertEquals("milr: train: Missing required parameter for option '--set' (key=value). Run 'milr train --help'"
                + " for its options.\n", err.toString());
        err.reset();
        assertEquals(2, run("tarin"));
        assertTrue(err.toString().startsWith("milr: Unknown subcommand 'tarin'; expected one of train, range-test,"
                + " compare, evaluate, predict, report, bench, keys, help (did you mean train"), err.toString());
    }

    @Test
    void userErrorsExitWithStatusTwoAndOneLineWithoutAStackTrace(@TempDir Path dir) {
        assertEquals(2, run("fit"));
        assertTrue(err.toString().contains("Unknown subcommand 'fit'"));
        assertEquals(2, run("train", "--set", "train.epoch=3", "--out", dir.resolve("a").toString()));
        assertTrue(err.toString().contains("Did you mean 'train.epochs'?"), err.toString());
        assertEquals(2, run("train", "--set", "data.train=" + dir + "/missing/train", "--out", dir.resolve("b").toString()));
        assertTrue(err.toString().contains(dir + "/missing/train"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(dir.resolve("b")), "nothing is written before the input is known to be good");
    }

    @Test
    void refusesARunDirectoryHoldingAnEarlierRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("metrics.jsonl"), "earlier run\n");
        assertEquals(2, run("train", "--set", "data.trainLimit=100", "--set", "data.testLimit=100",
                "--set", "data.train=data/mnist/train", "--out", dir.toString()));
        assertTrue(err.toString().contains("--overwrite"), err.toString());
        assertEquals("earlier run\n", Files.readString(dir.resolve("metrics.jsonl")));
    }

    @Test
    void reportRewritesARunsReportAndOverlaysRunsIntoOut(@TempDir Path dir) throws Exception {
        Path run = ShortRun.get().dir();
        Path a = copyMetrics(run, dir.resolve("a"));
        Path b = copyMetrics(run, dir.resolve("b"));
        assertEquals(0, run("report", a.toString()), err.toString());
        assertTrue(out.toString().contains("milr: report written: ") && out.toString().contains("a/report.html"), out.toString());
        assertTrue(Files.exists(a.resolve("accuracy.png")));

        assertEquals(0, run("report", a.toString(), b.toString(), "--out", dir.resolve("both").toString()), err.toString());
        assertTrue(Files.exists(dir.resolve("both/overlay.html")) && Files.exists(dir.resolve("both/overlay-mi.png")));
        assertFalse(Files.exists(a.resolve("overlay.html")), "--out, not the first run, gets the overlay");
    }

    @Test
    void reportErrorsNameTheDirectoryOrFileAndLine(@TempDir Path dir) throws Exception {
        assertEquals(2, run("report"));
        assertTrue(err.toString().contains("report: Missing required parameter: 'DIR'"), err.toString());

        assertEquals(2, run("report", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains(dir.resolve("nowhere") + ": no such run directory."), err.toString());

        Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, run("report", dir.resolve("empty").toString()));
        assertTrue(err.toString().contains("empty/metrics.jsonl: no such file"), err.toString());

        Path broken = copyMetrics(ShortRun.get().dir(), dir.resolve("broken"));
        Files.writeString(broken.resolve("metrics.jsonl"), Files.readAllLines(broken.resolve("metrics.jsonl")).get(0)
                + "\n{\"epoch\": 1, \"lr\": [0.1], \"heads\": [}\n");
        assertEquals(2, run("report", broken.toString()));
        assertTrue(err.toString().contains("broken/metrics.jsonl line 2: not a JSON object"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertEquals(4, err.toString().lines().count(), "one line per error: " + err);
    }

    private static Path copyMetrics(Path run, Path to) throws Exception {
        Files.createDirectories(to);
        Files.copy(run.resolve("metrics.jsonl"), to.resolve("metrics.jsonl"));
        Files.copy(run.resolve("config.properties"), to.resolve("config.properties"));
        return to;
    }
}
