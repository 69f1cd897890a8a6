package io.milr.lr.range;

/**
 * How the range test runs: the LRs to try, how many parameter-averaging rounds each LR trains for,
 * whether every step restarts from the initial weights, the probe size for the MI, and the loss
 * factor that counts as divergence.
 */
public record RangeTestSettings(GeometricSchedule schedule, int roundsPerStep, boolean restart, int probeSize,
                                double divergenceFactor) {
}
