package io.milr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertTrue(out.toString().contains("milr train ") && out.toString().contains("milr range-test "));
        assertEquals(0, run("keys"));
        assertTrue(out.toString().contains("mi.probeSize") && out.toString().contains("10000"));
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
}
