package io.milr.lr.range;

/** LRs rising geometrically from {@code low} to {@code high} (both included) with a fixed number of steps per decade. */
public record GeometricSchedule(double low, double high, int stepsPerDecade) {
    public GeometricSchedule {
        if (!(low > 0 && low < high && Double.isFinite(high))) {
            throw new IllegalArgumentException("range.lrLow must be > 0 and below range.lrHigh, found " + low + " and " + high);
        }
        if (stepsPerDecade < 1) {
            throw new IllegalArgumentException("range.stepsPerDecade must be >= 1, found " + stepsPerDecade);
        }
    }

    public int steps() {
        return (int) Math.round(Math.log10(high / low) * stepsPerDecade) + 1;
    }

    public double lr(int step) {
        return step == steps() - 1 ? high : low * Math.pow(10, (double) step / stepsPerDecade);
    }
}
