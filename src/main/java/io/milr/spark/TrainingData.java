package io.milr.spark;

import io.milr.data.DataFormatException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

import java.util.Iterator;
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

    /**
     * Distributes the minibatches over {@code partitions} partitions, caches them, and checks on the
     * executors that every feature is finite.
     *
     * @throws org.apache.spark.SparkException whose cause is a {@link DataFormatException} when a feature is NaN
     *         or infinite (the job fails in the task that finds it)
     */
    public static TrainingData of(JavaSparkContext sc, List<DataSet> trainBatches, List<DataSet> testBatches,
                                  int numClasses, int partitions) {
        JavaPairRDD<DataSet, Long> indexed = sc.parallelize(trainBatches, partitions).zipWithIndex();
        JavaRDD<DataSet> test = sc.parallelize(testBatches, partitions);
        TrainingData data = new TrainingData(indexed, trainBatches.size(), trainBatches.get(0).numExamples(), test,
                numClasses);
        try {
            cache(indexed.rdd());
            indexed.foreachPartition(batches -> requireFinite("training", batches));
            cache(test.rdd());
            test.map(batch -> new Tuple2<>(batch, -1L)).foreachPartition(batches -> requireFinite("test", batches));
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        return data;
    }

    /**
     * Caches on the executors and cuts the lineage (the check that follows materialises it). Without
     * the local checkpoint every task over a parallelized RDD ships its whole partition from the driver
     * again (about 90 MB per task for MNIST), on every averaging round of every epoch.
     */
    private static void cache(RDD<?> rdd) {
        rdd.persist(StorageLevel.MEMORY_ONLY());
        rdd.localCheckpoint();
    }

    /**
     * Runs in a task: counts the partition's NaN and infinite features and fails the task, naming the
     * first, if there are any. Values are checked when read, so these come from the feature scaling.
     */
    private static void requireFinite(String set, Iterator<Tuple2<DataSet, Long>> batches) {
        long nonFinite = 0;
        String first = null;
        while (batches.hasNext()) {
            Tuple2<DataSet, Long> batch = batches.next();
            INDArray features = batch._1().getFeatures();
            float[] values = features.reshape(features.length()).toFloatVector();
            int width = (int) features.size(1);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    nonFinite++;
                    if (first == null) {
                        first = "feature " + i % width + " of example " + i / width + " in "
                                + (batch._2() >= 0 ? "minibatch " + batch._2() : "a minibatch") + " is " + values[i];
                    }
                }
            }
        }
        if (nonFinite > 0) {
            throw new DataFormatException("the scaled " + set + " set, partition " + TaskContext.getPartitionId(),
                    nonFinite + " feature value(s) are NaN or infinite (first: " + first + "); expected finite"
                    + " numbers. The values read were finite, so the feature scaling made them: check data.scale"
                    + " and data.scaleMax");
        }
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
