package io.milr.report;

/**
 * One optimiser's line in a comparison. Times are wall-clock seconds of its own method: an MI-LR run
 * counts its MI measurements (they drive it); a baseline does not (it measures MI only for the metrics).
 * {@code epochToTarget} is -1 and {@code secondsToTarget} NaN when the target was never reached.
 */
public record ComparisonRow(String name, double finalAccuracy, double bestAccuracy, int epochToTarget,
                            double secondsToTarget, double totalSeconds, double[] accuracyByEpoch,
                            double[] secondsByEpoch) {
}
