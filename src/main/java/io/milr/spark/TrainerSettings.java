package io.milr.spark;

import io.milr.mi.MiEstimator;

/**
 * How the Spark trainer runs: minibatch size per worker, minibatches between parameter averagings,
 * number of parallel workers (0: Spark's default parallelism), seed, MI estimator, the size of the
 * probe sample that hidden heads are measured on, and what to do when an epoch diverges.
 */
public record TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                              int probeSize, OnDivergence onDivergence) {

    /** Settings that stop at a divergence. */
    public TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                           int probeSize) {
        this(batchSize, averagingFrequency, workers, seed, estimator, probeSize, OnDivergence.STOP);
    }
}
