package io.milr.report;

import java.util.List;

/**
 * One {@code metrics.jsonl} line as read back: epoch 0 is the measurement before training.
 * Missing numbers (no loss before training, no LR for layers without parameters) are NaN;
 * {@code learningRates} are the LRs chosen for the NEXT epoch.
 */
public record EpochMetrics(int epoch, double seconds, double miSeconds, double trainLoss, double testAccuracy,
                           double[] learningRates, boolean stalled, List<HeadMetrics> heads) {
    public EpochMetrics {
        learningRates = learningRates.clone();
        heads = List.copyOf(heads);
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    public HeadMetrics outputHead() {
        return heads.get(heads.size() - 1);
    }
}
