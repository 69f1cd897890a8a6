package io.milr.lr.range;

import java.util.List;

/**
 * The whole curve of a range test, in the order the LRs were tried, with the normalised MI measured
 * before the first step. {@code diverged} says the test stopped early because the last point diverged.
 */
public record RangeCurve(double startMiNorm, List<RangePoint> points, boolean diverged) {
    public RangeCurve {
        points = List.copyOf(points);
    }

    public int size() {
        return points.size();
    }

    public RangePoint point(int i) {
        return points.get(i);
    }
}
