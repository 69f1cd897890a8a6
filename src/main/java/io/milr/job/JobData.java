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
import io.milr.data.ExampleSet;
import io.milr.data.IdxDataSet;
import io.milr.data.ImageShape;
import io.milr.data.InputFiles;
import io.milr.data.LabelRange;
import io.milr.data.LabeledData;
import io.milr.data.LabeledImages;
import io.milr.data.LibSvmReader;
import io.milr.data.SparseLabeledVectors;
import io.milr.model.ClassLabels;
import io.milr.model.CustomNetwork;
import io.milr.model.ModelInput;
import io.milr.model.ModelSpec;
import io.milr.spark.OutputMeasure;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Arrays;

/**
 * A job's training and test sets in any format, checked on the driver before Spark training starts;
 * the image shape the model sees them as; the feature scaling fitted on the training set; and their
 * conversion into the RDDs of minibatches the trainer takes. IDX data sets are known on the driver by
 * their headers and label counts only (executors read the images); text formats are read on the
 * driver, as their checks and scalings need every value. With {@code model=custom}, also the user's
 * network ({@link #custom}, null otherwise), read and checked against these sets before Spark starts.
 */
public record JobData(ExampleSet train, ExampleSet test, int numClasses, ImageShape shape, FeatureScaler scaler,
                      CustomNetwork custom) {
    /** Examples per slice: the unit a task reads (and a retried task reads again). */
    static final int SLICE_SIZE = 10_000;

    public JobData(ExampleSet train, ExampleSet test, int numClasses, ImageShape shape, FeatureScaler scaler) {
        this(train, test, numClasses, shape, scaler, null);
    }

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
        return new JobData(ExampleSet.inMemory(train, SLICE_SIZE), ExampleSet.inMemory(test, SLICE_SIZE), numClasses,
                new ImageShape(train.rows(), train.cols()), FeatureScaling.unit(255).fit(train));
    }

    /** The sets of {@code config}, and with model=custom its network, read from model.config / model.init and checked. */
    public static JobData load(JobConfig config, Configuration hadoopConf) {
        JobData data = loadSets(config, hadoopConf);
        if (!config.model().isCustom()) {
            return data;
        }
        CustomNetwork custom = CustomNetwork.load(config.modelConfig(), config.modelInit(), hadoopConf);
        custom.check(data.train().numFeatures(), data.shape(), data.numClasses(),
                config.outputMeasure() == OutputMeasure.FUSED);
        return new JobData(data.train(), data.test(), data.numClasses(), data.shape(), data.scaler(), custom);
    }

    /**
     * The sets of {@code config} only, not model.config or model.init: a resumed run takes its network
     * from its checkpoint ({@link ResumePoint}), whatever those files hold now.
     */
    public static JobData loadSets(JobConfig config, Configuration hadoopConf) {
        LabelRange labels = config.modelOutputs() > 0
                ? new LabelRange(config.modelOutputs(), ConfigKeys.MODEL_OUTPUTS + "=" + config.modelOutputs())
                : new LabelRange(JobConfig.MAX_CLASSES, "milr takes at most " + JobConfig.MAX_CLASSES + " classes");
        Sets sets = switch (config.dataFormat()) {
            case IDX -> idx(config, labels, hadoopConf);
            case CSV -> csv(config, labels, hadoopConf);
            case LIBSVM -> libsvm(config, labels, hadoopConf);
        };
        int numClasses = numClasses(config, sets);
        requireTwoClasses(config, sets, numClasses);
        ImageShape shape = shape(config, sets);
        return new JobData(sets.train(), sets.test(), numClasses, shape, sets.scaler());
    }

    /** The training and test sets as found, before the checks that need both. */
    private record Sets(ExampleSet train, ExampleSet test, ImageShape imageShape, long[] trainCounts,
                        long[] testCounts, FeatureScaler scaler) {
    }

    private static Sets idx(JobConfig config, LabelRange labels, Configuration conf) {
        IdxDataSet train = nonEmpty(IdxDataSet.open(config.trainData(), config.trainLimit(), labels, conf));
        IdxDataSet test = nonEmpty(IdxDataSet.open(config.testData(), config.testLimit(), labels, conf));
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(test.parts().get(0).images().toString(), "images are " + test.rows() + "x"
                    + test.cols() + ", expected " + train.rows() + "x" + train.cols() + " like "
                    + train.parts().get(0).images());
        }
        ExampleSet trainSet = train.slices(SLICE_SIZE, labels);
        // Statistics-free scalings need no pass over the images; minmax and standard read them here.
        FeatureScaler scaler = config.scaling().isConstant() ? config.scaling().fitConstant(trainSet.numFeatures())
                : config.scaling().fit(trainSet.readAll(conf));
        return new Sets(trainSet, test.slices(SLICE_SIZE, labels), new ImageShape(train.rows(), train.cols()),
                train.classCounts(), test.classCounts(), scaler);
    }

    static IdxDataSet nonEmpty(IdxDataSet data) {
        if (data.size() == 0) {
            throw new DataFormatException(data.parts().get(0).images().toString(), "declares 0 images; expected at least one");
        }
        return data;
    }

    private static Sets csv(JobConfig config, LabelRange labels, Configuration conf) {
        CsvReader reader = new CsvReader(config.csvFormat(), labels, conf);
        if (config.numFeatures() > 0) {
            reader.expectingFeatures(config.numFeatures(), ConfigKeys.DATA_NUM_FEATURES);
        }
        LabeledData train = reader.read(InputFiles.list(config.trainData(), conf), config.trainLimit());
        LabeledData test = reader.read(InputFiles.list(config.testData(), conf), config.testLimit());
        return readOnDriver(config, train, test, null);
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
        return readOnDriver(config, train.withNumFeatures(numFeatures), test.withNumFeatures(numFeatures), null);
    }

    private static Sets readOnDriver(JobConfig config, LabeledData train, LabeledData test, ImageShape shape) {
        int k = Math.max(train.numClasses(), test.numClasses());
        return new Sets(ExampleSet.inMemory(train, SLICE_SIZE), ExampleSet.inMemory(test, SLICE_SIZE), shape,
                train.classCounts(k), test.classCounts(k), config.scaling().fit(train));
    }

    /** From the data, or model.outputs when it agrees with them (labels beyond it were refused when read). */
    private static int numClasses(JobConfig config, Sets sets) {
        int inData = Math.max(classesIn(sets.trainCounts()), classesIn(sets.testCounts()));
        if (config.modelOutputs() > 0 && config.modelOutputs() != inData) {
            throw new ConfigException("Configuration key 'model.outputs' = " + config.modelOutputs() + " classes, but"
                    + " the labels of data.train and data.test span " + inData + " (0.." + (inData - 1) + "); expected"
                    + " model.outputs=" + inData + ", or leave it empty to take the number of classes from the data.");
        }
        return inData;
    }

    /** Largest label present plus one. */
    private static int classesIn(long[] counts) {
        for (int k = counts.length - 1; k >= 0; k--) {
            if (counts[k] > 0) {
                return k + 1;
            }
        }
        return 0;
    }

    private static void requireTwoClasses(JobConfig config, Sets sets, int numClasses) {
        long[] counts = sets.trainCounts();
        if (Arrays.stream(counts).filter(c -> c > 0).count() < 2) {
            String hint = config.csvFormat() != null ? " Is data.csv.labelColumn (" + labelColumnName(config)
                    + ") the label?" : "";
            throw new DataFormatException(ConfigKeys.DATA_TRAIN + " = " + config.trainData(), "all "
                    + sets.train().size() + " training examples have the same label (" + (classesIn(counts) - 1)
                    + "); MI-driven training needs at least two classes." + hint);
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

    /** What a model trained on these sets takes: their features, as {@link #shape()} (no column names yet). */
    public ModelInput input() {
        return ModelInput.of(train.numFeatures(), shape);
    }

    /** The classes a model trained on these sets predicts: indices 0..numClasses-1. */
    public ClassLabels labels() {
        return ClassLabels.indices(numClasses);
    }

    /** Shuffled training minibatches in blocks and the test minibatches, read and cached by the executors. */
    public TrainingData toRdds(JavaSparkContext sc, TrainerSettings settings) {
        return TrainingData.read(sc, train, test, scaler, numClasses, settings);
    }
}
