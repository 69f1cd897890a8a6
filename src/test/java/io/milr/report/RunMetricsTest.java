package io.milr.report;

import io.milr.heads.Head;
import io.milr.mi.JointHistogram;
import io.milr.mi.MiEstimator;
import io.milr.mi.MutualInformation;
import io.milr.spark.EpochReport;
import io.milr.spark.HeadMeasurement;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** metrics.jsonl, config.properties and range.csv read back from a run directory. */
class RunMetricsTest {
    private static final long[][] TABLE = {{40, 3}, {10, 47}};

    private static EpochReport report(int epoch, double loss, double[] lrs, boolean stalled) {
        JointHistogram table = JointHistogram.of(TABLE);
        HeadMeasurement output = new HeadMeasurement(Head.outputOf(1), table,
                MutualInformation.of(table, MiEstimator.PLUGIN));
        return new EpochReport(epoch, 12.5, 1.5, loss, 0.875, lrs, stalled, List.of(output));
    }

    private static RunDirectory run(Path dir, String metrics) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.jsonl"), metrics);
        return RunDirectory.open(dir.toString(), new Configuration());
    }

    @Test
    void readsBackWhatTheTrainJobWrites(@TempDir Path dir) throws Exception {
        String lines = MetricsJson.line(report(0, Double.NaN, new double[]{0.2, Double.NaN}, false)) + "\n"
                + MetricsJson.line(report(1, 0.31, new double[]{0.05, Double.NaN}, true)) + "\n";
        RunDirectory run = run(dir.resolve("r1"), lines);
        Files.writeString(dir.resolve("r1/config.properties"), "# comment\nmodel=mlp\nmodel.hidden=64\nlr.mode=layer\n");

        RunMetrics metrics = RunMetrics.read(run);
        assertEquals("r1", metrics.name());
        assertEquals(2, metrics.epochs().size());
        EpochMetrics before = metrics.epochs().get(0);
        assertTrue(Double.isNaN(before.trainLoss()), "null loss reads back as NaN");
        EpochMetrics first = metrics.epochs().get(1);
        assertEquals(1, first.epoch());
        assertEquals(0.31, first.trainLoss());
        assertEquals(0.875, first.testAccuracy());
        assertEquals(0.05, first.learningRates()[0]);
        assertTrue(Double.isNaN(first.learningRates()[1]));
        assertTrue(first.stalled());
        HeadMetrics head = first.outputHead();
        assertEquals("output", head.name());
        assertEquals(100, head.n());
        assertArrayEquals(TABLE[1], head.table()[1]);
        assertEquals(MutualInformation.of(JointHistogram.of(TABLE), MiEstimator.PLUGIN).miNorm(), head.miNorm(), 1e-15);
        assertEquals(List.of("model", "model.hidden", "lr.mode"), List.copyOf(metrics.config().keySet()));
        assertEquals("mlp 64, layer mode", metrics.description());
        assertEquals(0.875, metrics.summary().orElseThrow().finalAccuracy());
        assertTrue(metrics.range().isEmpty());
    }

    @Test
    void malformedLinesAreNamedByFileAndLine(@TempDir Path dir) throws Exception {
        String good = MetricsJson.line(report(0, Double.NaN, new double[]{0.2}, false));
        RunDirectory notJson = run(dir.resolve("a"), good + "\n" + good + "\n{\"epoch\": 2, \"heads\n");
        MetricsFormatException e = assertThrows(MetricsFormatException.class, () -> RunMetrics.read(notJson));
        assertTrue(e.getMessage().contains("a/metrics.jsonl line 3: not a JSON object"), e.getMessage());

        RunDirectory noHeads = run(dir.resolve("b"), "{\"epoch\": 0, \"lr\": [0.1]}\n");
        e = assertThrows(MetricsFormatException.class, () -> RunMetrics.read(noHeads));
        assertTrue(e.getMessage().contains("b/metrics.jsonl line 1: \"heads\" is missing"), e.getMessage());

        RunDirectory empty = run(dir.resolve("c"), "");
        e = assertThrows(MetricsFormatException.class, () -> RunMetrics.read(empty));
        assertTrue(e.getMessage().contains("holds no epoch"), e.getMessage());

        Files.createDirectories(dir.resolve("d"));
        RunDirectory none = RunDirectory.open(dir.resolve("d").toString(), new Configuration());
        e = assertThrows(MetricsFormatException.class, () -> RunMetrics.read(none));
        assertTrue(e.getMessage().contains("d/metrics.jsonl: no such file"), e.getMessage());

        assertThrows(RunDirectoryException.class, () -> RunDirectory.open(dir.resolve("missing").toString(), new Configuration()));
    }

    @Test
    void readsTheRangeTestCurve(@TempDir Path dir) throws Exception {
        RunDirectory run = run(dir.resolve("r"), MetricsJson.line(report(0, Double.NaN, new double[]{0.2}, false)) + "\n");
        Files.writeString(dir.resolve("r/range.csv"), "lr,mi_norm,loss,seconds\n0.001,0.2,2.1,1.5\n0.01,0.6,1.2,1.4\n");
        RangeCurve curve = RunMetrics.read(run).range().orElseThrow();
        assertArrayEquals(new double[]{0.001, 0.01}, curve.lr());
        assertArrayEquals(new double[]{0.2, 0.6}, curve.miNorm());
        assertArrayEquals(new double[]{2.1, 1.2}, curve.loss());

        Files.writeString(dir.resolve("r/range.csv"), "lr,mi_norm,loss,seconds\n0.001,0.2,2.1,1.5\n0.01,high,1.2,1.4\n");
        MetricsFormatException e = assertThrows(MetricsFormatException.class, () -> RunMetrics.read(run));
        assertTrue(e.getMessage().contains("range.csv line 3: mi_norm 'high' is not a number"), e.getMessage());
    }
}
