package io.milr.spark;

import java.util.List;

/**
 * What happened in one epoch (epoch 0: the measurement before training). {@code learningRates} are
 * the LRs for the NEXT epoch, NaN for layers without parameters; {@code seconds} is the whole epoch's
 * wall time, of which {@code miSeconds} went to the histogram passes, the MI and the policy.
 */
public record EpochReport(int epoch, double seconds, double miSeconds, double trainLoss, double testAccuracy,
                          double[] learningRates, boolean stalled, List<HeadMeasurement> heads) {
    public EpochReport {
        learningRates = learningRates.clone();
        heads = List.copyOf(heads);
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    public HeadMeasurement outputHead() {
        return heads.get(heads.size() - 1);
    }
}
