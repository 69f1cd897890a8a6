package io.milr.testing;

import io.milr.report.EpochMetrics;
import io.milr.report.HeadMetrics;
import io.milr.report.RunMetrics;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a run's metrics must show when every example was counted exactly once, whatever happened to
 * the executors: every head of every epoch counted {@code n} examples, its table sums to that, and
 * its columns (true classes) are the class counts of the examples passed over.
 */
public final class ExactTables {
    private ExactTables() {
    }

    /**
     * @param classCounts examples per true class of the set every head passes over (the whole
     *                    training slice: the tests choose mi.probeSize at least as large)
     */
    public static void check(RunMetrics run, int epochs, long[] classCounts) {
        long examples = Arrays.stream(classCounts).sum();
        assertEquals(epochs + 1, run.epochs().size(), "metrics of epochs 0.." + epochs + ", each once");
        for (EpochMetrics epoch : run.epochs()) {
            for (HeadMetrics head : epoch.heads()) {
                String where = "epoch " + epoch.epoch() + ", head " + head.name();
                assertEquals(examples, head.n(), where + ": examples counted");
                long[][] table = head.table();
                assertEquals(examples, Arrays.stream(table).flatMapToLong(Arrays::stream).sum(), where + ": table sum");
                long[] columns = new long[classCounts.length];
                for (long[] row : table) {
                    for (int c = 0; c < row.length; c++) {
                        columns[c] += row[c];
                    }
                }
                assertArrayEquals(classCounts, columns, where + ": examples per true class");
            }
        }
    }
}
