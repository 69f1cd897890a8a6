package io.milr.spark;

import io.milr.mi.MiEstimator;

/**
 * How the Spark trainer runs: minibatch size per worker, minibatches between parameter averagings,
 * number of parallel workers (0: Spark's default parallelism), seed, MI estimator, the size of the
 * probe sample that hidden heads are measured on, what to do when an epoch diverges, and which
 * examples the output head is measured on.
 */
public record TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                              int probeSize, OnDivergence onDivergence, OutputMeasure outputMeasure) {

    /** Settings that measure the output head on the whole training set. */
    public TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                           int probeSize, OnDivergence onDivergence) {
        this(batchSize, averagingFrequency, workers, seed, estimator, probeSize, onDivergence, OutputMeasure.FULL);
    }

    /** Settings that stop at a divergence. */
    public TrainerSettings(int batchSize, int averagingFrequency, int workers, long seed, MiEstimator estimator,
                           int probeSize) {
        this(batchSize, averagingFrequency, workers, seed, estimator, probeSize, OnDivergence.STOP);
    }
}
