package io.milr.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;

/** DL4J's parameter-averaging training master, set up the way milr trains (and range-tests). */
final class AveragingMaster {
    private AveragingMaster() {
    }

    static int workers(JavaSparkContext sc, TrainerSettings settings) {
        return settings.workers() > 0 ? settings.workers() : sc.defaultParallelism();
    }

    static ParameterAveragingTrainingMaster build(JavaSparkContext sc, TrainerSettings settings, TrainingHook hook) {
        return build(sc, settings, hook, settings.seed());
    }

    /** A master whose splits of the data into averaging rounds are drawn from {@code rngSeed}. */
    static ParameterAveragingTrainingMaster build(JavaSparkContext sc, TrainerSettings settings, TrainingHook hook,
                                                  long rngSeed) {
        return new ParameterAveragingTrainingMaster.Builder(workers(sc, settings), settings.batchSize())
                .batchSizePerWorker(settings.batchSize())
                .averagingFrequency(settings.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                // Export refuses non-local masters on local file systems; Direct works everywhere.
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // TrainingData partitions and caches the data once; re-shuffling every epoch costs a shuffle.
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .rngSeed(rngSeed)
                .collectTrainingStats(false)
                .trainingHooks(hook)
                .build();
    }
}
