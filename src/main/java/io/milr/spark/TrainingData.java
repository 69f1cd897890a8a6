package io.milr.spark;

import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.Minibatches;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import scala.Function1;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The minibatches a run uses, cached on the executors: the training set cut into blocks and the test
 * set. A block is one Spark partition holding the minibatches one worker trains between two parameter
 * averagings, so a training round reads exactly its blocks and nothing else; blocks are numbered by
 * their partition, and their examples were shuffled before blocking, so any set of blocks is a random
 * sample (the probe) of the training set.
 */
public final class TrainingData {
    private final JavaRDD<DataSet> blocks;
    private final int workers;
    private final long trainExamples;
    private final JavaRDD<DataSet> test;
    private final int numClasses;

    private TrainingData(JavaRDD<DataSet> blocks, int workers, long trainExamples, JavaRDD<DataSet> test,
                         int numClasses) {
        this.blocks = blocks;
        this.workers = workers;
        this.trainExamples = trainExamples;
        this.test = test;
        this.numClasses = numClasses;
    }

    /**
     * Reads the training and test sets on the executors, partition by partition, and caches them there: the
     * training set shuffled by the seed into blocks of {@code averagingFrequency} minibatches, the test
     * set in minibatches of 1024 in file order. Cached blocks spill to disk, serialized, when memory runs
     * short, and a lost one is rebuilt from its lineage (the source, then the shuffle), so neither the
     * driver's memory nor an executor loss limits the data. Materialises both and checks every feature
     * is finite before returning.
     *
     * @throws org.apache.spark.SparkException whose cause is a {@link DataFormatException} when a slice holds
     *         bad data or a scaled feature is NaN or infinite
     */
    public static TrainingData read(JavaSparkContext sc, ExampleSet train, ExampleSet test, FeatureScaler scaler,
                                    int numClasses, TrainerSettings settings) {
        int workers = settings.workers() > 0 ? settings.workers() : sc.defaultParallelism();
        int batchSize = settings.batchSize();
        int blockExamples = batchSize * settings.averagingFrequency();
        int numBlocks = blockCount(train.size(), settings);
        ExamplePermutation order = new ExamplePermutation(train.size(), settings.seed());

        JavaRDD<DataSet> blocks = train.positioned(sc)
                .flatMapToPair(chunk -> BlockPieces.cut(chunk._2(), chunk._1(), order, blockExamples))
                .partitionBy(new HashPartitioner(numBlocks))
                .mapPartitions(pieces -> BlockPieces.minibatches(pieces, scaler, batchSize, numClasses));
        JavaRDD<DataSet> testBatches = test.chunks(sc)
                .flatMap(chunk -> Minibatches.of(chunk, scaler, 1024, numClasses, -1).iterator());
        TrainingData data = new TrainingData(blocks, workers, train.size(), testBatches, numClasses);
        try {
            blocks.persist(StorageLevel.MEMORY_AND_DISK_SER());
            blocks.foreachPartition(batches -> requireFinite("training", batches));
            testBatches.persist(StorageLevel.MEMORY_AND_DISK_SER());
            testBatches.foreachPartition(batches -> requireFinite("test", batches));
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        return data;
    }

    /** How many blocks {@link #read} cuts {@code examples} training examples into. */
    public static int blockCount(long examples, TrainerSettings settings) {
        long blockExamples = (long) settings.batchSize() * settings.averagingFrequency();
        return (int) ((examples + blockExamples - 1) / blockExamples);
    }

    /**
     * Distributes minibatches cut on the driver (for tests that need to know each block's minibatches):
     * {@code batchesPerBlock} consecutive training minibatches form a block. Caches them and checks on the executors that every feature is finite.
     *
     * @throws org.apache.spark.SparkException whose cause is a {@link DataFormatException} when a feature is NaN
     *         or infinite (the job fails in the task that finds it)
     */
    static TrainingData of(JavaSparkContext sc, List<DataSet> trainBatches, List<DataSet> testBatches,
                                  int numClasses, int batchesPerBlock, int workers) {
        int numBlocks = (trainBatches.size() + batchesPerBlock - 1) / batchesPerBlock;
        JavaRDD<DataSet> blocks = sc.parallelize(trainBatches, numBlocks);
        JavaRDD<DataSet> test = sc.parallelize(testBatches, Math.max(1, Math.min(workers, testBatches.size())));
        long examples = trainBatches.stream().mapToLong(DataSet::numExamples).sum();
        TrainingData data = new TrainingData(blocks, workers, examples, test, numClasses);
        try {
            pinDriverData(blocks.rdd());
            blocks.foreachPartition(batches -> requireFinite("training", batches));
            pinDriverData(test.rdd());
            test.foreachPartition(batches -> requireFinite("test", batches));
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        return data;
    }

    /**
     * Caches on the executors and cuts the lineage (the check that follows materialises it). Without
     * the local checkpoint every task over a parallelized RDD ships its whole partition from the driver
     * again, on every averaging round of every epoch. The price: a lost executor loses these partitions
     * for good, which is why jobs read their data on the executors ({@link #read}).
     */
    private static void pinDriverData(RDD<?> rdd) {
        rdd.persist(StorageLevel.MEMORY_ONLY());
        rdd.localCheckpoint();
    }

    /**
     * Runs in a task: counts the partition's NaN and infinite features and fails the task, naming the
     * first, if there are any. Values are checked when read, so these come from the feature scaling.
     */
    private static void requireFinite(String set, Iterator<DataSet> batches) {
        long nonFinite = 0;
        String first = null;
        for (int b = 0; batches.hasNext(); b++) {
            INDArray features = batches.next().getFeatures();
            float[] values = features.reshape(features.length()).toFloatVector();
            int width = (int) features.size(1);
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    nonFinite++;
                    if (first == null) {
                        first = "feature " + i % width + " of example " + i / width + " in minibatch " + b
                                + " is " + values[i];
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

    /** The whole training set, one partition per worker (for a measurement pass). */
    public JavaRDD<DataSet> train() {
        return blocks.coalesce(workers);
    }

    public JavaRDD<DataSet> test() {
        return test;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Workers per averaging round: blocks trained at once. */
    public int workers() {
        return workers;
    }

    public int numBlocks() {
        return blocks.getNumPartitions();
    }

    public long trainExamples() {
        return trainExamples;
    }

    /**
     * A fixed sample of at least {@code examples} training examples (or all of them): the first blocks.
     * Blocks hold shuffled examples, so it is a random sample.
     */
    public JavaRDD<DataSet> probe(int examples) {
        double perBlock = (double) trainExamples / numBlocks();
        int count = (int) Math.min(numBlocks(), Math.ceil(examples / perBlock));
        int[] first = new int[count];
        for (int b = 0; b < count; b++) {
            first[b] = b;
        }
        return blocks(first).coalesce(Math.min(workers, count));
    }

    /** Only the given blocks, one partition each, in block order. */
    public JavaRDD<DataSet> blocks(int[] ids) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        Function1<Object, Object> keep = new BlockFilter(sorted);
        return JavaRDD.fromRDD(PartitionPruningRDD.create(blocks.rdd(), keep), blocks.classTag());
    }

    /**
     * Drops the cached training blocks (as an executor loss would): the next use rebuilds them from
     * their lineage.
     */
    void dropCachedBlocks() {
        blocks.unpersist(true);
        blocks.persist(StorageLevel.MEMORY_AND_DISK_SER());
    }

    public void release() {
        blocks.unpersist(false);
        test.unpersist(false);
    }

    /** Keeps the partitions whose index is listed (sorted). */
    private static final class BlockFilter extends AbstractFunction1<Object, Object> implements Serializable {
        private final int[] sorted;

        BlockFilter(int[] sorted) {
            this.sorted = sorted;
        }

        @Override
        public Object apply(Object partition) {
            return Arrays.binarySearch(sorted, (Integer) partition) >= 0;
        }
    }
}
