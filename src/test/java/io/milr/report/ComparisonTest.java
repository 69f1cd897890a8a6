package io.milr.report;

import io.milr.spark.EpochReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    /** Epochs 0..n with the given accuracies, 10 s each of which 2 s MI work. */
    private static List<EpochReport> run(double... accuracy) {
        List<EpochReport> reports = new ArrayList<>();
        for (int e = 0; e < accuracy.length; e++) {
            reports.add(new EpochReport(e, 10, 2, 0.1, accuracy[e], new double[]{0.1}, false, List.of()));
        }
        return reports;
    }

    @Test
    void targetIsTheBestBaselineMinusHalfAPointAndBaselinesDoNotPayForMi() {
        Map<String, List<EpochReport>> runs = new LinkedHashMap<>();
        runs.put("mi-lr", run(0.1, 0.96, 0.975, 0.98));
        runs.put("sgd", run(0.1, 0.95, 0.97, 0.978));
        runs.put("adam", run(0.1, 0.97, 0.972, 0.975));
        Comparison c = Comparison.of(runs, Set.of("mi-lr"), Double.NaN);
        assertEquals(0.973, c.target(), 1e-12);
        assertTrue(c.targetSource().contains("sgd"));
        ComparisonRow mi = c.rows().get(0);
        assertEquals(2, mi.epochToTarget());
        assertEquals(30, mi.secondsToTarget(), 1e-9, "epoch 0 and two epochs of 10 s, MI included");
        ComparisonRow sgd = c.rows().get(1);
        assertEquals(3, sgd.epochToTarget());
        assertEquals(32, sgd.secondsToTarget(), 1e-9, "four epochs of 8 s: the MI bookkeeping is not the baseline's cost");
        ComparisonRow adam = c.rows().get(2);
        assertEquals(3, adam.epochToTarget());
        assertEquals(0.975, adam.bestAccuracy(), 1e-12);
    }

    @Test
    void aConfiguredTargetMayBeNeverReached() {
        Map<String, List<EpochReport>> runs = new LinkedHashMap<>();
        runs.put("sgd", run(0.1, 0.95));
        Comparison c = Comparison.of(runs, Set.of(), 0.99);
        assertEquals(-1, c.rows().get(0).epochToTarget());
        assertTrue(ComparisonReport.markdown(c, "t").contains("not reached"));
        assertTrue(ComparisonReport.csv(c).lines().skip(1).allMatch(l -> l.startsWith("sgd,0.9500,0.9500,0.9900,,,")));
    }
}
