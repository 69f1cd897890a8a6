package io.milr.lr.range;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeRulesTest {
    private static final GeometricSchedule DECADES = new GeometricSchedule(1e-4, 1, 1);

    /** A curve over LRs 1e-4, 1e-3, 1e-2, 1e-1, 1 with the given MI and losses. */
    private static RangeCurve curve(double start, double[] mi, double[] loss, boolean diverged) {
        List<RangePoint> points = new ArrayList<>();
        for (int i = 0; i < mi.length; i++) {
            points.add(new RangePoint(DECADES.lr(i), mi[i], loss[i], 0.1));
        }
        return new RangeCurve(start, points, diverged);
    }

    @Test
    void geometricScheduleHitsBothEndsWithTheStepsPerDecade() {
        GeometricSchedule defaults = new GeometricSchedule(1e-5, 10, 8);
        assertEquals(49, defaults.steps());
        assertEquals(1e-5, defaults.lr(0), 1e-20);
        assertEquals(10, defaults.lr(48), 0);
        assertEquals(1e-4, defaults.lr(8), 1e-18);
        for (int i = 1; i < defaults.steps(); i++) {
            assertEquals(Math.pow(10, 1.0 / 8), defaults.lr(i) / defaults.lr(i - 1), 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> new GeometricSchedule(1, 1e-3, 8));
    }

    @Test
    void miFallTakesTheLastLrBeforeTheMiFallsAndTheFirstClearRise() {
        RangeCurve c = curve(0.1, new double[]{0.11, 0.3, 0.8, 0.7, 0.2}, new double[]{2.3, 2.0, 0.5, 0.6, 1.5}, false);
        RangeSuggestion s = new MiFallRule(0.05).suggest(c);
        assertEquals(1e-2, s.lrMax(), 1e-15, "0.7 is more than 0.05 below the best 0.8");
        assertEquals(1e-3, s.lrMin(), 1e-15, "0.3 is the first MI clearly above 0.1");
        assertEquals("mi-fall", s.rule());
        assertTrue(s.reason().contains("fell"), s.reason());
    }

    @Test
    void miFallIgnoresSmallDipsAndStopsAtDivergence() {
        RangeCurve c = curve(0.1, new double[]{0.2, 0.6, 0.58, 0.9, 0.0}, new double[]{2.2, 1.0, 0.9, 0.3, Double.NaN}, true);
        RangeSuggestion s = new MiFallRule(0.05).suggest(c);
        assertEquals(1e-1, s.lrMax(), 1e-15, "a dip of 0.02 is not a fall; the NaN step is excluded");
        assertEquals(1e-4, s.lrMin(), 1e-18);
        assertTrue(s.reason().contains("diverged"), s.reason());
    }

    @Test
    void miFallFallsBackToATenthOfLrMaxWhenTheRiseIsUnclear() {
        RangeCurve c = curve(0.5, new double[]{0.51, 0.52, 0.53, 0.3, 0.1}, new double[]{1, 1, 1, 1, 1}, false);
        RangeSuggestion s = new MiFallRule(0.05).suggest(c);
        assertEquals(1e-2, s.lrMax(), 1e-15);
        assertEquals(1e-3, s.lrMin(), 1e-15);
        assertTrue(s.reason().contains("lrMax / 10"), s.reason());
    }

    @Test
    void aCurveThatDivergesAtOnceHasNoSuggestion() {
        RangeCurve c = curve(0.1, new double[]{0.0}, new double[]{Double.NaN}, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MiFallRule(0.05).suggest(c));
        assertTrue(e.getMessage().contains("range.lrLow"), e.getMessage());
    }

    @Test
    void lossMinimumIsTheClassicFinder() {
        RangeCurve c = curve(0.1, new double[]{0.2, 0.3, 0.8, 0.7, 0.0}, new double[]{2.3, 2.0, 0.6, 0.5, 9.0}, true);
        RangeSuggestion s = new LossMinimumRule().suggest(c);
        assertEquals(1e-1, s.lrMax(), 1e-15);
        assertEquals(1e-2, s.lrMin(), 1e-15);
        assertEquals("loss-min", s.rule());
    }

    @Test
    void rulesAreFoundByName() {
        assertEquals(MiFallRule.NAME, RangeRule.byName(0.05).get("mi-fall").name());
        assertEquals(LossMinimumRule.NAME, RangeRule.byName(0.05).get("loss-min").name());
    }
}
