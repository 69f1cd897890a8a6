package io.milr.lr.range;

/**
 * One step of the LR range test: the LR trained at, the output head's normalised MI on the probe
 * sample and the mean training loss afterwards, and the step's wall time.
 */
public record RangePoint(double lr, double miNorm, double loss, double seconds) {
    /** Diverged: the loss is NaN or infinite, or more than {@code factor} times the best loss so far. */
    public boolean divergedFrom(double bestLoss, double factor) {
        return !Double.isFinite(loss) || loss > factor * bestLoss;
    }
}
