package io.milr.report;

import io.milr.testing.LocalSpark;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress line during a (short, real) Spark epoch, in a log and on a terminal. */
class EpochProgressTest {

    private static void slowJobs(JavaSparkContext sc, int count) {
        for (int job = 0; job < count; job++) {
            sc.parallelize(List.of(1, 2), 2).foreach(x -> Thread.sleep(60));
        }
    }

    @Test
    void aLogGetsWholeProgressLinesAndTheEpochLineUnchanged() {
        JavaSparkContext sc = LocalSpark.context();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EpochProgress progress = new EpochProgress(sc.sc(), new PrintStream(out, true), 3, false,
                Duration.ofMillis(100), Duration.ofMillis(100))) {
            progress.epochEnded("epoch  0/3 result");
            slowJobs(sc, 4);
            progress.epochEnded("epoch  1/3 result");
            slowJobs(sc, 4);
            progress.epochEnded("epoch  2/3 result");
        }
        String printed = out.toString();
        assertFalse(printed.contains("\r"), "no carriage returns in a log");
        List<String> lines = printed.lines().toList();
        assertTrue(lines.contains("epoch  1/3 result") && lines.contains("epoch  2/3 result"), printed);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  \\.\\.\\. epoch  1/3 running \\d+s: Spark jobs \\d+, tasks \\d+")),
                printed);
        assertTrue(lines.stream().anyMatch(l -> l.matches("  \\.\\.\\. epoch  2/3 running \\d+s: Spark jobs \\d+ of ~\\d+ \\(\\d+%\\), tasks \\d+")),
                "from epoch 2 on, a share of the previous epoch's jobs:\n" + printed);
    }

    @Test
    void aTerminalLineIsRewrittenInPlaceAndClearedBeforeTheEpochLine() {
        JavaSparkContext sc = LocalSpark.context();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EpochProgress progress = new EpochProgress(sc.sc(), new PrintStream(out, true), 1, true,
                Duration.ofMillis(50), Duration.ofMillis(50))) {
            progress.epochEnded("epoch  0/1 result");
            slowJobs(sc, 5);
            progress.epochEnded("epoch  1/1 result");
        }
        String printed = out.toString();
        assertTrue(printed.contains("\r  ... epoch  1/1 running"), printed);
        int result = printed.indexOf("epoch  1/1 result");
        assertTrue(printed.substring(0, result).endsWith("\r"), "the progress line is blanked before the epoch line");
        assertEquals(printed.indexOf("epoch  0/1 result"), 0, "nothing shown during a quick epoch 0");
    }

    @Test
    void quietDuringShortEpochs() {
        JavaSparkContext sc = LocalSpark.context();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EpochProgress progress = new EpochProgress(sc.sc(), new PrintStream(out, true), 1, true,
                Duration.ofSeconds(5), Duration.ofSeconds(1))) {
            slowJobs(sc, 2);
            progress.epochEnded("epoch  0/1 result");
        }
        assertEquals("epoch  0/1 result" + System.lineSeparator(), out.toString());
    }
}
