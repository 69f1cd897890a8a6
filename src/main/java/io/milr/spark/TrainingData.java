package io.milr.spark;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * The minibatches a run uses, cached on the executors: the training set (each minibatch with a fixed
 * index, so that samples of it are deterministic) and the test set. Probe samples and range-test
 * windows are filters over the cached training set, so no data moves again.
 */
public final class TrainingData {
    private final JavaPairRDD<DataSet, Long> indexedTrain;
    private final long trainBatches;
    private final int batchSize;
    private final JavaRDD<DataSet> test;
    private final int numClasses;

    private TrainingData(JavaPairRDD<DataSet, Long> indexedTrain, long trainBatches, int batchSize,
                         JavaRDD<DataSet> test, int numClasses) {
        this.indexedTrain = indexedTrain;
        this.trainBatches = trainBatches;
        this.batchSize = batchSize;
        this.test = test;
        this.numClasses = numClasses;
    }

    /** Distributes the minibatches over {@code partitions} partitions and caches them. */
    public static TrainingData of(JavaSparkContext sc, List<DataSet> trainBatches, List<DataSet> testBatches,
                                  int numClasses, int partitions) {
        JavaPairRDD<DataSet, Long> indexed = cached(sc.parallelize(trainBatches, partitions).zipWithIndex());
        JavaRDD<DataSet> test = cached(sc.parallelize(testBatches, partitions));
        return new TrainingData(indexed, trainBatches.size(), trainBatches.get(0).numExamples(), test, numClasses);
    }

    /**
     * Caches on the executors and cuts the lineage. Without the local checkpoint every task over a
     * parallelized RDD ships its whole partition from the driver again (about 90 MB per task for
     * MNIST), on every averaging round of every epoch.
     */
    /**
     * Caches on the executors and cuts the lineage. Without the local checkpoint every task over a
     * parallelized RDD ships its whole partition from the driver again (about 90 MB per task for
     * MNIST), on every averaging round of every epoch.
     */
    private static JavaPairRDD<DataSet, Long> cached(JavaPairRDD<DataSet, Long> rdd) {
        rdd.persist(StorageLevel.MEMORY_ONLY());
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }

    private static JavaRDD<DataSet> cached(JavaRDD<DataSet> rdd) {
        rdd.persist(StorageLevel.MEMORY_ONLY());
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }

    public JavaRDD<DataSet> train() {
        return indexedTrain.keys();
    }

    public JavaRDD<DataSet> test() {
        return test;
    }

    public int numClasses() {
        return numClasses;
    }

    public long trainBatches() {
        return trainBatches;
    }

    /**
     * A fixed sample of about {@code examples} training examples: every k-th minibatch, so that it is
     * spread over all partitions (the minibatches were shuffled, so it is a random sample).
     */
    public JavaRDD<DataSet> probe(int examples) {
        long batches = Math.min(trainBatches, (examples + batchSize - 1) / batchSize);
        long stride = Math.max(1, trainBatches / batches);
        return indexedTrain.filter(b -> b._2() % stride == 0 && b._2() / stride < batches).keys();
    }

    /** {@code count} consecutive minibatches from {@code start}, wrapping around the end of the set. */
    public JavaRDD<DataSet> window(long start, long count) {
        long total = trainBatches;
        long first = Math.floorMod(start, total);
        return indexedTrain.filter(b -> Math.floorMod(b._2() - first, total) < count).keys();
    }

    public void release() {
        indexedTrain.unpersist(false);
        test.unpersist(false);
    }
}
