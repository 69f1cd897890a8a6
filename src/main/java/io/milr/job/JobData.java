package io.milr.job;

import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.FeatureScaling;
import io.milr.data.IdxFiles;
import io.milr.data.IdxReader;
import io.milr.data.ImageShape;
import io.milr.data.LabeledData;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Arrays;

/**
 * A job's training and test sets, read and checked on the driver before Spark training starts; the
 * image shape the model sees them as; the feature scaling fitted on the training set; and their
 * conversion into the RDDs of minibatches the trainer takes.
 */
public record JobData(LabeledData train, LabeledData test, int numClasses, ImageShape shape, FeatureScaler scaler) {

    public JobData {
        if (train.numFeatures() != test.numFeatures() || shape.pixels() != train.numFeatures()
                || scaler.numFeatures() != train.numFeatures()) {
            throw new IllegalArgumentException("training set, test set, shape and scaler disagree on the number of"
                    + " features: " + train.numFeatures() + ", " + test.numFeatures() + ", " + shape + ", "
                    + scaler.numFeatures());
        }
    }

    /** IDX images as milr has always scaled them: pixels divided by 255. */
    public static JobData ofImages(LabeledImages train, LabeledImages test, int numClasses) {
        return new JobData(train, test, numClasses, new ImageShape(train.rows(), train.cols()),
                FeatureScaling.unit(255).fit(train));
    }

    public static JobData load(JobConfig config, Configuration hadoopConf) {
        LabeledImages train = IdxReader.read(IdxFiles.locate(config.trainData(), hadoopConf), config.trainLimit(), hadoopConf);
        LabeledImages test = IdxReader.read(IdxFiles.locate(config.testData(), hadoopConf), config.testLimit(), hadoopConf);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(ConfigKeys.DATA_TEST + " = " + config.testData(), "images are " + test.rows()
                    + "x" + test.cols() + ", expected " + train.rows() + "x" + train.cols() + " like " + config.trainData());
        }
        int numClasses = Math.max(train.numClasses(), test.numClasses());
        long distinct = Arrays.stream(train.classCounts(numClasses)).filter(c -> c > 0).count();
        if (distinct < 2) {
            throw new DataFormatException(ConfigKeys.DATA_TRAIN + " = " + config.trainData(), "all " + train.size()
                    + " training examples have the same label; MI-driven training needs at least two classes.");
        }
        return new JobData(train, test, numClasses, new ImageShape(train.rows(), train.cols()),
                config.scaling().fit(train));
    }

    /** Shuffled training minibatches and the test minibatches, distributed and cached on the executors. */
    public TrainingData toRdds(JavaSparkContext sc, int batchSize, int workers, long seed) {
        int partitions = workers > 0 ? workers : sc.defaultParallelism();
        return TrainingData.of(sc, Minibatches.of(train, scaler, batchSize, numClasses, seed),
                Minibatches.of(test, scaler, 1024, numClasses, -1), numClasses, partitions);
    }
}
