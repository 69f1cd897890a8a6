package io.milr.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the table turns runs into medians and ratios, and how it reads. */
class BenchTableTest {

    private static EpochTiming epoch(int epoch, double seconds, double mi, double accuracy) {
        return new EpochTiming(epoch, seconds, mi, mi / 100, accuracy, 0.5);
    }

    private static SystemRun milr(int run, double... seconds) {
        List<EpochTiming> epochs = new java.util.ArrayList<>();
        for (int e = 0; e < seconds.length; e++) {
            epochs.add(epoch(e + 1, seconds[e], seconds[e] / 10, 0.9 + e / 100.0));
        }
        JobKind pass = new JobKind(SparkJobLedger.HISTOGRAM_PASS + ": tables (MI)", 4, 8, 1, 250, 10, 1, 0.1, 0.01, 0,
                0.1, 4 * 4000, 4000);
        JobKind test = new JobKind(SparkJobLedger.TEST_EVALUATION, 4, 8, 1, 250, 10, 1, 0.1, 0.01, 0, 0.1, 4 * 3000, 3000);
        return new SystemRun("milr-network", "milr-network", 2, run, epochs, "", List.of(pass, test), 4, 1600.0, 1.0);
    }

    @Test
    void mediansLeaveTheWarmUpEpochOutThenTakeTheMedianOverRuns() {
        BenchRow row = BenchTable.row("milr-network", BenchSystem.MILR_NETWORK, 2,
                List.of(milr(1, 30, 10, 12, 14), milr(2, 30, 20, 22, 24), milr(3, 30, 11, 13, 15)));
        assertEquals(13, row.secondsPerEpoch(), 1e-12, "run medians 12, 22, 13: their median");
        assertEquals(1.3, row.miSecondsPerEpoch(), 1e-12);
        assertEquals(0.1, row.miShare(), 1e-12);
        assertEquals(0.93, row.testAccuracy(), 1e-12, "after the last epoch");
        assertEquals(4000, row.miBytesPerPass(), 1e-9, "the test evaluation pass is not an MI pass");
        assertEquals(4000, row.miBytesPerEpoch(), 1e-9, "4 passes over 4 measurements");
        assertEquals(1600, row.miPartialBytesPerEpoch(), 1e-9);
        assertEquals(14, row.driverMiMillis(), 1e-9, "median over every measured epoch of every run");
    }

    @Test
    void aSingleEpochIsItsOwnMedianAndRatiosAreToTheSingleJvmRow() {
        SystemRun dl4j = new SystemRun("dl4j-1jvm", "dl4j-1jvm", 1, 1,
                List.of(new EpochTiming(1, 4, null, null, 0.8, 0.7)), "", List.of(), null, null, null);
        List<BenchRow> rows = BenchTable.withRatios(List.of(
                BenchTable.row("dl4j-1jvm", BenchSystem.DL4J, 1, List.of(dl4j)),
                BenchTable.row("milr-network", BenchSystem.MILR_NETWORK, 2, List.of(milr(1, 6))),
                BenchRow.skipped(BenchSystem.PYTORCH, "pytorch 1 thread", 1, "python3-torch is not installed")));
        assertEquals(1.0, rows.get(0).ratioToDl4j(), 1e-12);
        assertEquals(1.5, rows.get(1).ratioToDl4j(), 1e-12);
        assertTrue(Double.isNaN(rows.get(0).miShare()), "no MI outside milr");

        String markdown = new BenchTable("t", rows, List.of("a note"), List.of(dl4j, milr(1, 6))).markdown();
        assertTrue(markdown.contains("| dl4j-1jvm | 1 | 4.00 | 1.00 | 80.00% | - | - | - | - | - |"), markdown);
        assertTrue(markdown.contains("| milr-network | 2 | 6.00 | 1.50 | 90.00% | 0.60 | 10.00% | 6.00 ms | 4000 B"
                + " | 4000 B (tables 1600 B) |"), markdown);
        assertTrue(markdown.contains("| pytorch 1 thread | | skipped: python3-torch is not installed |"), markdown);
        assertTrue(markdown.contains("- a note") && markdown.contains("### Spark jobs of milr-network, run 1"), markdown);
    }

    @Test
    void jobsAreGroupedByCallSiteAndHistogramPassesByWhatTheyCount() {
        assertEquals("treeAggregate at ParameterAveragingTrainingMaster.java",
                SparkJobLedger.kindOf("treeAggregate at ParameterAveragingTrainingMaster.java:662", "..."));
        String fold = "org.apache.spark.api.java.AbstractJavaRDDLike.treeReduce(JavaRDDLike.scala:45)\n"
                + "io.milr.spark.HistogramPass.fold(HistogramPass.java:84)\n";
        assertEquals("histogram pass: class sums (MI)", SparkJobLedger.kindOf("treeReduce at HistogramPass.java:84",
                fold + "io.milr.spark.HistogramPass.classSums(HistogramPass.java:44)\n"));
        assertEquals("histogram pass: tables (MI)", SparkJobLedger.kindOf("treeReduce at HistogramPass.java:84",
                fold + "io.milr.spark.HistogramPass.tables(HistogramPass.java:57)\nio.milr.spark.MiTrainer$Measurer.measure"));
        assertEquals(SparkJobLedger.TEST_EVALUATION, SparkJobLedger.kindOf("treeReduce at HistogramPass.java:84",
                fold + "io.milr.spark.HistogramPass.tables(HistogramPass.java:57)\nio.milr.spark.MiTrainer$Measurer.testAccuracy"));
    }
}
