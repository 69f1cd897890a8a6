package io.milr.job;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.data.IdxFiles;
import io.milr.data.IdxReader;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;


/**
 * A job's training and test images, read and checked on the driver before Spark training starts,
 * and their conversion into the RDDs of minibatches the trainer takes.
 */
public record JobData(LabeledImages train, LabeledImages test, int numClasses) {

    public static JobData load(JobConfig config, Configuration hadoopConf) {
        LabeledImages train = IdxReader.read(IdxFiles.locate(config.trainData(), hadoopConf), config.trainLimit(), hadoopConf);
        LabeledImages test = IdxReader.read(IdxFiles.locate(config.testData(), hadoopConf), config.testLimit(), hadoopConf);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(ConfigKeys.DATA_TEST + " = " + config.testData(), "images are " + test.rows()
                    + "x" + test.cols() + ", expected " + train.rows() + "x" + train.cols() + " like " + config.trainData());
        }
        int numClasses = Math.max(train.numClasses(), test.numClasses());
        long distinct = java.util.Arrays.stream(train.classCounts(numClasses)).filter(c -> c > 0).count();
        if (distinct < 2) {
            throw new DataFormatException(ConfigKeys.DATA_TRAIN + " = " + config.trainData(), "all " + train.size()
                    + " training examples have the same label; MI-driven training needs at least two classes.");
        }
        return new JobData(train, test, numClasses);
    }

    /** Shuffled training minibatches and the test minibatches, distributed and cached on the executors. */
    public TrainingData toRdds(JavaSparkContext sc, int batchSize, int workers, long seed) {
        int partitions = workers > 0 ? workers : sc.defaultParallelism();
        return TrainingData.of(sc, Minibatches.of(train, batchSize, numClasses, seed),
                Minibatches.of(test, 1024, numClasses, -1), numClasses, partitions);
    }
}
