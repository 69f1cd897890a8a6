package io.milr.job;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;
import io.milr.config.JobConfig;
import io.milr.data.CsvFormat;
import io.milr.data.DataFormatException;
import io.milr.data.FeatureScaler;
import io.milr.data.FeatureScaling;
import io.milr.data.IdxDataSet;
import io.milr.data.ImageShape;
import io.milr.data.LabelRange;
import io.milr.data.LabeledImages;
import io.milr.model.ClassLabels;
import io.milr.model.CustomNetwork;
import io.milr.model.ModelInput;
import io.milr.model.ModelSpec;
import io.milr.spark.ExampleCheck;
import io.milr.spark.ExampleSet;
import io.milr.spark.OutputMeasure;
import io.milr.spark.TrainerSettings;
import io.milr.spark.TrainingData;
import io.milr.sql.Tables;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A job's training and test sets in any format, checked before training starts; the image shape the
 * model sees them as; the feature scaling fitted on the training set; the class names of string
 * labels; the rows left out for nulls ({@code data.nulls=skip}); and their conversion into the RDDs of minibatches the trainer takes. The driver never holds
 * the examples: IDX data sets are known by their headers and label counts, every other format is read
 * and checked by the executors ({@link io.milr.spark.ExampleCheck}), which send back sizes, class counts
 * and, for a fitted scaling, per-feature statistics. With {@code model=custom}, also the user's network
 * ({@link #custom}, null otherwise), read and checked against these sets.
 */
public record JobData(ExampleSet train, ExampleSet test, int numClasses, ImageShape shape, FeatureScaler scaler,
                      CustomNetwork custom, List<String> classNames, List<String> featureColumns,
                      long skippedRows) {

    public JobData(ExampleSet train, ExampleSet test, int numClasses, ImageShape shape, FeatureScaler scaler) {
        this(train, test, numClasses, shape, scaler, null, List.of(), List.of(), 0);
    }

    public JobData {
        classNames = List.copyOf(classNames);
        featureColumns = List.copyOf(featureColumns);
        if (train.numFeatures() != test.numFeatures() || shape.pixels() != train.numFeatures()
                || scaler.numFeatures() != train.numFeatures()) {
            throw new IllegalArgumentException("training set, test set, shape and scaler disagree on the number of"
                    + " features: " + train.numFeatures() + ", " + test.numFeatures() + ", " + shape + ", "
                    + scaler.numFeatures());
        }
    }

    /** IDX images as milr has always scaled them: pixels divided by 255. */
    public static JobData ofImages(LabeledImages train, LabeledImages test, int numClasses) {
        return new JobData(ExampleSet.inMemory(train, FileSets.SLICE_SIZE),
                ExampleSet.inMemory(test, FileSets.SLICE_SIZE), numClasses, new ImageShape(train.rows(), train.cols()), FeatureScaling.unit(255).fit(train));
    }

    /**
     * The sets of {@code config}, and with model=custom its network, read from model.config / model.init
     * and checked. Formats other than IDX run a check pass on {@code sc}'s executors.
     */
    public static JobData load(JobConfig config, JavaSparkContext sc) {
        return load(config, sc.hadoopConfiguration(), () -> sc);
    }

    /**
     * As {@link #load(JobConfig, JavaSparkContext)}, asking {@code spark} for a context only when a check
     * pass needs one: IDX data with a statistics-free scaling, and everything found wrong before the
     * first pass (a missing file, bad IDX headers, a bad model.config), cost no Spark start.
     */
    public static JobData load(JobConfig config, Configuration conf, Supplier<JavaSparkContext> spark) {
        JobData data = loadSets(config, conf, spark);
        if (!config.model().isCustom()) {
            return data;
        }
        CustomNetwork custom = CustomNetwork.load(config.modelConfig(), config.modelInit(), conf);
        custom.check(data.train().numFeatures(), data.shape(), data.numClasses(),
                config.outputMeasure() == OutputMeasure.FUSED);
        return new JobData(data.train(), data.test(), data.numClasses(), data.shape(), data.scaler(), custom,
                data.classNames(), data.featureColumns(), data.skippedRows());
    }

    /**
     * The sets of {@code config} only, not model.config or model.init: a resumed run takes its network
     * from its checkpoint ({@link ResumePoint}), whatever those files hold now.
     */
    public static JobData loadSets(JobConfig config, JavaSparkContext sc) {
        return loadSets(config, sc.hadoopConfiguration(), () -> sc);
    }

    /** As {@link #loadSets(JobConfig, JavaSparkContext)}, Spark started by {@code spark} when first needed. */
    public static JobData loadSets(JobConfig config, Configuration conf, Supplier<JavaSparkContext> spark) {
        LabelRange labels = config.modelOutputs() > 0
                ? new LabelRange(config.modelOutputs(), ConfigKeys.MODEL_OUTPUTS + "=" + config.modelOutputs())
                : new LabelRange(JobConfig.MAX_CLASSES, "milr takes at most " + JobConfig.MAX_CLASSES + " classes");
        Sets sets = switch (config.dataFormat()) {
            case IDX -> idx(config, labels, conf, spark);
            case CSV -> csv(config, labels, conf, spark);
            case LIBSVM -> libsvm(config, labels, conf, spark);
            case PARQUET, ORC, JSON, TABLE, SPARK -> tables(config, labels, spark.get());
        };
        int numClasses = numClasses(config, sets);
        requireTwoClasses(config, sets, numClasses);
        ImageShape shape = shape(config, sets);
        return new JobData(sets.train(), sets.test(), numClasses, shape, sets.scaler(), null, sets.classNames(),
                sets.featureColumns(), sets.skippedRows());
    }

    /** The training and test sets as found, before the checks that need both. */
    private record Sets(ExampleSet train, ExampleSet test, ImageShape imageShape, FeatureScaler scaler,
                        List<String> classNames, List<String> featureColumns, long skippedRows) {
    }

    static String trainName(JobConfig config) {
        return ConfigKeys.DATA_TRAIN + " = " + config.trainData();
    }

    static String testName(JobConfig config) {
        return ConfigKeys.DATA_TEST + " = " + config.testData();
    }

    private static Sets idx(JobConfig config, LabelRange labels, Configuration conf,
                            Supplier<JavaSparkContext> spark) {
        IdxDataSet train = FileSets.nonEmpty(IdxDataSet.open(config.trainData(), config.trainLimit(), labels, conf));
        IdxDataSet test = FileSets.nonEmpty(IdxDataSet.open(config.testData(), config.testLimit(), labels, conf));
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(test.parts().get(0).images().toString(), "images are " + test.rows() + "x"
                    + test.cols() + ", expected " + train.rows() + "x" + train.cols() + " like "
                    + train.parts().get(0).images());
        }
        ExampleSet trainSet = FileSets.idx(trainName(config), train, labels);
        // Statistics-free scalings need no pass over the images; minmax and standard have the executors summarise them.
        FeatureScaler scaler = config.scaling().isConstant() ? config.scaling().fitConstant(trainSet.numFeatures())
                : config.scaling().fit(ExampleCheck.run(spark.get(), trainSet.source(), ExampleCheck.Widths.EQUAL, 0,
                        true, "images").summary(), trainSet.numFeatures());
        return new Sets(trainSet, FileSets.idx(testName(config), test, labels),
                new ImageShape(train.rows(), train.cols()), scaler, List.of(), List.of(), 0);
    }

    private static Sets csv(JobConfig config, LabelRange labels, Configuration conf, Supplier<JavaSparkContext> sc) {
        boolean statistics = config.scaling().needsStatistics();
        int declared = config.numFeatures();
        ExampleCheck.Checked train = FileSets.csv(conf, sc, trainName(config), config.trainData(), config.csvFormat(),
                labels, declared, ConfigKeys.DATA_NUM_FEATURES, config.trainLimit(), statistics);
        int width = train.examples().numFeatures();
        ExampleCheck.Checked test = FileSets.csv(conf, sc, testName(config), config.testData(), config.csvFormat(),
                labels, width, declared > 0 ? ConfigKeys.DATA_NUM_FEATURES : "like the lines of data.train",
                config.testLimit(), false);
        return fitted(config, train, test, List.of(), List.of());
    }

    private static Sets libsvm(JobConfig config, LabelRange labels, Configuration conf, Supplier<JavaSparkContext> sc) {
        boolean statistics = config.scaling().needsStatistics();
        int declared = config.numFeatures();
        ExampleCheck.Checked train = FileSets.libsvm(conf, sc, trainName(config), config.trainData(), labels, declared,
                ConfigKeys.DATA_NUM_FEATURES, config.trainLimit(), statistics);
        ExampleCheck.Checked test = FileSets.libsvm(conf, sc, testName(config), config.testData(), labels, declared,
                ConfigKeys.DATA_NUM_FEATURES, config.testLimit(), false);
        // Inferred from both sets, so that a feature only the test set uses still gets an input.
        int numFeatures = declared > 0 ? declared
                : Math.max(train.examples().numFeatures(), test.examples().numFeatures());
        ExampleCheck.Checked wide = new ExampleCheck.Checked(train.examples().widened(numFeatures), train.summary());
        return fitted(config, wide, new ExampleCheck.Checked(test.examples().widened(numFeatures), test.summary()),
                List.of(), List.of());
    }

    private static Sets tables(JobConfig config, LabelRange labels, JavaSparkContext sc) {
        Tables.Loaded loaded = Tables.load(sc, config.tableColumns(), config.trainData(), config.testData(), labels,
                config.numFeatures(), config.seed(), config.trainLimit(), config.testLimit(),
                config.scaling().needsStatistics());
        return fitted(config, loaded.train(), loaded.test(), loaded.classNames(), loaded.featureColumns());
    }

    private static Sets fitted(JobConfig config, ExampleCheck.Checked train, ExampleCheck.Checked test,
                               List<String> names, List<String> featureColumns) {
        FeatureScaler scaler = config.scaling().fit(train.summary(), train.examples().numFeatures());
        return new Sets(train.examples(), test.examples(), null, scaler, names, featureColumns,
                train.summary().skipped() + test.summary().skipped());
    }

    /** From the data, or model.outputs when it agrees with them (labels beyond it were refused when read). */
    private static int numClasses(JobConfig config, Sets sets) {
        int inData = Math.max(classesIn(sets.train().classCounts()), classesIn(sets.test().classCounts()));
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
        long[] counts = sets.train().classCounts();
        if (Arrays.stream(counts).filter(c -> c > 0).count() < 2) {
            String hint = config.csvFormat() != null ? " Is data.csv.labelColumn (" + labelColumnName(config)
                    + ") the label?" : "";
            throw new DataFormatException(trainName(config), "all "
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

    /** What a model trained on these sets takes: their features, as {@link #shape()}, named when table columns held them. */
    public ModelInput input() {
        return new ModelInput(train.numFeatures(), shape, featureColumns);
    }

    /** The classes a model trained on these sets predicts: indices 0..numClasses-1, named when the labels were strings. */
    public ClassLabels labels() {
        return classNames.isEmpty() ? ClassLabels.indices(numClasses) : new ClassLabels(numClasses, classNames);
    }

    /** Shuffled training minibatches in blocks and the test minibatches, read and cached by the executors. */
    public TrainingData toRdds(JavaSparkContext sc, TrainerSettings settings) {
        return TrainingData.read(sc, train, test, scaler, numClasses, settings);
    }
}
