package io.milr.bench;

/**
 * One trained epoch of one system's run. {@code seconds} is what the system counts as its epoch:
 * the training pass for DL4J and PyTorch; for milr the whole epoch as {@code metrics.jsonl} reports
 * it (training, MI passes and test evaluation). The MI fields are null for systems without MI.
 */
public record EpochTiming(int epoch, double seconds, Double miSeconds, Double driverMiSeconds,
                          double testAccuracy, Double trainLoss) {
}
