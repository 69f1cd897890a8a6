package io.milr.spark;

import io.milr.mi.MiEstimator;

/**
 * How the Spark trainer runs: minibatch size per worker, minibatches between parameter averagings,
 * number of parallel workers (0: Spark's default parallelism), seed, MI estimator, and the size of the
 * probe sample that hidden heads are measured on.
 */
public record TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                              int probeSize) {
}
