package io.milr.job;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.CsvFormat;
import io.milr.data.CsvReader;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.FeatureScaling;
import io.milr.data.IdxFiles;
import io.milr.data.IdxPair;
import io.milr.data.IdxReader;
import io.milr.data.ImageShape;
import io.milr.data.InputFiles;
import io.milr.data.LabelRange;
import io.milr.data.LabeledData;
import io.milr.data.LabeledImages;
import io.milr.data.LibSvmReader;
import io.milr.data.Minibatches;
import io.milr.data.SparseLabeledVectors;
import io.milr.model.ModelSpec;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Arrays;

/**
 * A job's training and test sets in any format, read and checked on the driver before Spark
 * training starts; the image shape the model sees them as; the feature scaling fitted on the
 * training set; and their conversion into the RDDs of minibatches the trainer takes.
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
        LabelRange labels = config.modelOutputs() > 0
                ? new LabelRange(config.modelOutputs(), ConfigKeys.MODEL_OUTPUTS + "=" + config.modelOutputs())
                : new LabelRange(JobConfig.MAX_CLASSES, "milr takes at most " + JobConfig.MAX_CLASSES + " classes");
        Sets sets = switch (config.dataFormat()) {
            case IDX -> idx(config, labels, hadoopConf);
            case CSV -> csv(config, labels, hadoopConf);
            case LIBSVM -> libsvm(config, labels, hadoopConf);
        };
        int numClasses = numClasses(config, sets);
        requireTwoClasses(config, sets.train(), numClasses);
        ImageShape shape = shape(config, sets);
        return new JobData(sets.train(), sets.test(), numClasses, shape, config.scaling().fit(sets.train()));
    }

    /** The training and test sets as read, before the checks that need both. */
    private record Sets(LabeledData train, LabeledData test, ImageShape imageShape) {
    }

    private static Sets idx(JobConfig config, LabelRange labels, Configuration conf) {
        IdxPair trainFiles = IdxFiles.locate(config.trainData(), conf);
        IdxPair testFiles = IdxFiles.locate(config.testData(), conf);
        LabeledImages train = nonEmpty(IdxReader.read(trainFiles, config.trainLimit(), conf), trainFiles);
        LabeledImages test = nonEmpty(IdxReader.read(testFiles, config.testLimit(), conf), testFiles);
        requireLabelsIn(train, labels, trainFiles);
        requireLabelsIn(test, labels, testFiles);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(testFiles.images().toString(), "images are " + test.rows() + "x"
                    + test.cols() + ", expected " + train.rows() + "x" + train.cols() + " like " + trainFiles.images());
        }
        return new Sets(train, test, new ImageShape(train.rows(), train.cols()));
    }

    private static LabeledImages nonEmpty(LabeledImages images, IdxPair files) {
        if (images.size() == 0) {
            throw new DataFormatException(files.images().toString(), "declares 0 images; expected at least one");
        }
        return images;
    }

    private static void requireLabelsIn(LabeledImages images, LabelRange labels, IdxPair files) {
        for (int i = 0; i < images.size(); i++) {
            if (!labels.contains(images.label(i))) {
                throw new DataFormatException(files.labels() + " example " + i, labels.problemWith(images.label(i)));
            }
        }
    }

    private static Sets csv(JobConfig config, LabelRange labels, Configuration conf) {
        CsvReader reader = new CsvReader(config.csvFormat(), labels, conf);
        if (config.numFeatures() > 0) {
            reader.expectingFeatures(config.numFeatures(), ConfigKeys.DATA_NUM_FEATURES);
        }
        LabeledData train = reader.read(InputFiles.list(config.trainData(), conf), config.trainLimit());
        LabeledData test = reader.read(InputFiles.list(config.testData(), conf), config.testLimit());
        return new Sets(train, test, null);
    }

    private static Sets libsvm(JobConfig config, LabelRange labels, Configuration conf) {
        LibSvmReader reader = new LibSvmReader(labels, conf);
        if (config.numFeatures() > 0) {
            reader.expectingFeatures(config.numFeatures(), ConfigKeys.DATA_NUM_FEATURES);
        }
        SparseLabeledVectors train = reader.read(InputFiles.list(config.trainData(), conf), config.trainLimit());
        SparseLabeledVectors test = reader.read(InputFiles.list(config.testData(), conf), config.testLimit());
        if (reader.largestIndex() == 0) {
            throw new DataFormatException(config.trainData(), "no line of data.train or data.test lists a feature;"
                    + " expected 'label index:value ...' pairs, or data.numFeatures to say how many features are 0");
        }
        // Inferred from both sets, so that a feature only the test set uses still gets an input.
        int numFeatures = config.numFeatures() > 0 ? config.numFeatures() : reader.largestIndex();
        return new Sets(train.withNumFeatures(numFeatures), test.withNumFeatures(numFeatures), null);
    }

    /** From the data, or model.outputs when it agrees with them (labels beyond it were refused when read). */
    private static int numClasses(JobConfig config, Sets sets) {
        int inData = Math.max(sets.train().numClasses(), sets.test().numClasses());
        if (config.modelOutputs() > 0 && config.modelOutputs() != inData) {
            throw new ConfigException("Configuration key 'model.outputs' = " + config.modelOutputs() + " classes, but"
                    + " the labels of data.train and data.test span " + inData + " (0.." + (inData - 1) + "); expected"
                    + " model.outputs=" + inData + ", or leave it empty to take the number of classes from the data.");
        }
        return inData;
    }

    private static void requireTwoClasses(JobConfig config, LabeledData train, int numClasses) {
        long[] counts = train.classCounts(numClasses);
        if (Arrays.stream(counts).filter(c -> c > 0).count() < 2) {
            String hint = config.csvFormat() != null ? " Is data.csv.labelColumn (" + labelColumnName(config)
                    + ") the label?" : "";
            throw new DataFormatException(ConfigKeys.DATA_TRAIN + " = " + config.trainData(), "all " + train.size()
                    + " training examples have the same label (" + train.label(0) + "); MI-driven training needs at"
                    + " least two classes." + hint);
        }
    }

    private static String labelColumnName(JobConfig config) {
        int column = config.csvFormat().labelColumn();
        return column == CsvFormat.LAST_COLUMN ? "last" : Integer.toString(column);
    }

    /** IDX: the files' image size; text formats: data.imageShape, or one flat row. */
    private static ImageShape shape(JobConfig config, Sets sets) {
        int numFeatures = sets.train().numFeatures();
        ImageShape shape = sets.imageShape() != null ? sets.imageShape()
                : config.imageShape().orElse(ImageShape.flat(numFeatures));
        if (shape.pixels() != numFeatures) {
            throw new ConfigException("Configuration key 'data.imageShape' = " + shape + " has " + shape.pixels()
                    + " pixels, but the examples of " + config.trainData() + " have " + numFeatures
                    + " features; expected HxW = " + numFeatures + ".");
        }
        if (config.model().name().equals(ModelSpec.CNN) && !ModelSpec.cnnFits(shape.height(), shape.width())) {
            throw new ConfigException("Configuration key 'model' = 'cnn' needs images of at least "
                    + ModelSpec.CNN_MIN_SIZE + "x" + ModelSpec.CNN_MIN_SIZE + ", but the images of "
                    + config.trainData() + " are " + shape + ".");
        }
        return shape;
    }

    /** Shuffled training minibatches and the test minibatches, distributed and cached on the executors. */
    public TrainingData toRdds(JavaSparkContext sc, TrainerSettings settings) {
        int workers = settings.workers() > 0 ? settings.workers() : sc.defaultParallelism();
        return TrainingData.of(sc, Minibatches.of(train, scaler, settings.batchSize(), numClasses, settings.seed()),
                Minibatches.of(test, scaler, 1024, numClasses, -1), numClasses, settings.averagingFrequency(), workers);
    }
}
