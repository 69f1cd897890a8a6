package io.milr.spark;

import java.util.List;

/**
 * What happened in one epoch (epoch 0: the measurement before training). {@code learningRates} are
 * the LRs for the NEXT epoch, NaN for layers without parameters; {@code seconds} is the whole epoch's
 * wall time, of which {@code miSeconds} went to the histogram passes, the MI and the policy, and
 * {@code driverMiSeconds} to the driver's share of that alone: MI from the merged tables, the policy
 * and setting the LRs (NaN when the trainer did not time it).
 */
public record EpochReport(int epoch, double seconds, double miSeconds, double trainLoss, double testAccuracy,
                          double[] learningRates, boolean stalled, List<HeadMeasurement> heads,
                          double driverMiSeconds) {
    public EpochReport {
        learningRates = learningRates.clone();
        heads = List.copyOf(heads);
    }

    /** A report without the driver-side MI time. */
    public EpochReport(int epoch, double seconds, double miSeconds, double trainLoss, double testAccuracy,
                       double[] learningRates, boolean stalled, List<HeadMeasurement> heads) {
        this(epoch, seconds, miSeconds, trainLoss, testAccuracy, learningRates, stalled, heads, Double.NaN);
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    public HeadMeasurement outputHead() {
        return heads.get(heads.size() - 1);
    }
}
