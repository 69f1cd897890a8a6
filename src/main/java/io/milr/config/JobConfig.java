package io.milr.config;

import io.milr.data.CsvFormat;
import io.milr.data.DataFormat;
import io.milr.data.FeatureScaling;
import io.milr.data.ImageShape;
import io.milr.data.TableColumns;
import io.milr.lr.LrMode;
import io.milr.lr.MiLrSettings;
import io.milr.lr.range.GeometricSchedule;
import io.milr.lr.range.RangeRule;
import io.milr.lr.range.RangeTestSettings;
import io.milr.mi.MiEstimator;
import io.milr.model.ModelSpec;
import io.milr.optim.Optimizer;
import io.milr.optim.OptimizerSpec;
import io.milr.spark.OnDivergence;
import io.milr.spark.OutputMeasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated job configuration. Every check on user-supplied settings happens here, once, before
 * any data is read or Spark is started; a bad value raises a {@link ConfigException} naming the key.
 */
public final class JobConfig {
    /** The name {@code compare} uses for MI-LR in layer mode. */
    public static final String MI_LR_LAYER = "mi-lr-layer";
    /** The most classes a job may have: every head keeps K x K counts, and a stray label must not ask for 10^5. */
    public static final int MAX_CLASSES = 1000;
    private static final double IDX_PIXEL_MAX = 255;

    private final Map<String, String> effective;
    private final ModelSpec model;
    private final String modelConfig;
    private final String modelInit;
    private final MiLrSettings lrSettings;
    private final MiEstimator estimator;
    private final int probeSize;
    private final int epochs;
    private final int batchSize;
    private final int averagingFrequency;
    private final int workers;
    private final long seed;
    private final String trainData;
    private final String testData;
    private final int trainLimit;
    private final int testLimit;
    private final String sparkMaster;
    private final boolean autoRange;
    private final RangeTestSettings rangeSettings;
    private final RangeRule rangeRule;
    private final OptimizerSpec optimizer;
    private final List<String> compareRuns;
    private final double compareTarget;
    private final List<Long> compareSeeds;
    private final int modelOutputs;
    private final OnDivergence onDivergence;
    private final OutputMeasure outputMeasure;
    private final int checkpointKeep;
    private final DataFormat dataFormat;
    private final CsvFormat csvFormat;
    private final int numFeatures;
    private final Optional<ImageShape> imageShape;
    private final FeatureScaling scaling;
    private final TableColumns tableColumns;

    private JobConfig(ConfigSources sources) {
        SettingReader read = new SettingReader(sources);
        this.effective = sources.values();
        this.model = read.parse(ConfigKeys.MODEL, "mlp, cnn or custom", v -> ModelSpec.of(v,
                read.intList(ConfigKeys.MODEL_HIDDEN), read.nonEmpty(ConfigKeys.MODEL_ACTIVATION)));
        this.modelConfig = read.raw(ConfigKeys.MODEL_CONFIG);
        this.modelInit = read.raw(ConfigKeys.MODEL_INIT);
        requireCustomKeys(read);
        double lrMin = read.positiveDouble(ConfigKeys.LR_MIN);
        double lrMax = read.positiveDouble(ConfigKeys.LR_MAX);
        String start = read.raw(ConfigKeys.LR_START);
        double lrStart = start.isEmpty() ? lrMax : read.positiveDouble(ConfigKeys.LR_START);
        double threshold = read.nonNegativeDouble(ConfigKeys.MI_THRESHOLD);
        LrMode mode = read.parse(ConfigKeys.LR_MODE, "network or layer", LrMode::fromConfigName);
        this.lrSettings = read.parse(ConfigKeys.LR_MIN, "lr.min < lr.max, lr.start within them",
                v -> new MiLrSettings(lrMin, lrMax, lrStart, threshold, mode));
        this.estimator = read.parse(ConfigKeys.MI_ESTIMATOR, "plugin or miller-madow", MiEstimator::fromConfigName);
        this.probeSize = read.positiveInt(ConfigKeys.MI_PROBE_SIZE);
        this.epochs = read.positiveInt(ConfigKeys.TRAIN_EPOCHS);
        this.batchSize = read.positiveInt(ConfigKeys.TRAIN_BATCH_SIZE);
        this.averagingFrequency = read.positiveInt(ConfigKeys.TRAIN_AVERAGING_FREQUENCY);
        this.workers = read.raw(ConfigKeys.TRAIN_WORKERS).isEmpty() ? 0 : read.positiveInt(ConfigKeys.TRAIN_WORKERS);
        this.seed = read.anyLong(ConfigKeys.TRAIN_SEED);
        this.trainData = read.nonEmpty(ConfigKeys.DATA_TRAIN);
        boolean split = !read.raw(ConfigKeys.DATA_TEST_FRACTION).isEmpty();
        if (split && read.differsFromDefault(ConfigKeys.DATA_TEST)) {
            throw read.conflict(ConfigKeys.DATA_TEST, ConfigKeys.DATA_TEST_FRACTION, "is not read when the test set is"
                    + " split off data.train: set one of them");
        }
        this.testData = split ? "" : read.nonEmpty(ConfigKeys.DATA_TEST);
        this.trainLimit = read.nonNegativeInt(ConfigKeys.DATA_TRAIN_LIMIT);
        this.testLimit = read.nonNegativeInt(ConfigKeys.DATA_TEST_LIMIT);
        this.sparkMaster = read.nonEmpty(ConfigKeys.SPARK_MASTER);
        this.autoRange = read.parse(ConfigKeys.LR_RANGE, "fixed or auto", JobConfig::parseRangeMode);
        double low = read.positiveDouble(ConfigKeys.RANGE_LR_LOW);
        double high = read.positiveDouble(ConfigKeys.RANGE_LR_HIGH);
        int perDecade = read.positiveInt(ConfigKeys.RANGE_STEPS_PER_DECADE);
        GeometricSchedule schedule = read.parse(ConfigKeys.RANGE_LR_LOW, "range.lrLow < range.lrHigh",
                v -> new GeometricSchedule(low, high, perDecade));
        double divergence = read.parse(ConfigKeys.RANGE_DIVERGENCE, "a factor > 1", JobConfig::parseFactor);
        this.rangeSettings = new RangeTestSettings(schedule, read.positiveInt(ConfigKeys.RANGE_ROUNDS_PER_STEP),
                read.parse(ConfigKeys.RANGE_RESTART, "true or false", JobConfig::parseBoolean),
                read.positiveInt(ConfigKeys.RANGE_PROBE_SIZE), divergence);
        double margin = read.nonNegativeDouble(ConfigKeys.RANGE_MARGIN);
        this.rangeRule = read.parse(ConfigKeys.RANGE_RULE, "one of " + RangeRule.byName(margin).keySet(), name -> {
            RangeRule rule = RangeRule.byName(margin).get(name);
            if (rule == null) {
                throw new IllegalArgumentException("no rule named '" + name + "'");
            }
            return rule;
        });
        this.optimizer = readOptimizer(read);
        this.compareRuns = read.parse(ConfigKeys.COMPARE_OPTIMIZERS, "comma-separated names of mi-lr, "
                + MI_LR_LAYER + ", sgd, sgd-step, adam, rmsprop, lars", JobConfig::parseCompareRuns);
        this.compareTarget = read.raw(ConfigKeys.COMPARE_TARGET).isEmpty() ? Double.NaN
                : read.parse(ConfigKeys.COMPARE_TARGET, "an accuracy in (0, 1]", JobConfig::parseAccuracy);
        this.compareSeeds = read.raw(ConfigKeys.COMPARE_SEEDS).isEmpty() ? List.of(seed)
                : read.parse(ConfigKeys.COMPARE_SEEDS, "comma-separated whole numbers, each once", JobConfig::parseSeeds);
        this.modelOutputs = read.raw(ConfigKeys.MODEL_OUTPUTS).isEmpty() ? 0 : read.parse(ConfigKeys.MODEL_OUTPUTS,
                "a whole number of classes, 2.." + MAX_CLASSES, JobConfig::parseOutputs);
        this.onDivergence = read.parse(ConfigKeys.TRAIN_ON_DIVERGENCE, "stop or rollback", OnDivergence::fromConfigName);
        this.outputMeasure = read.parse(ConfigKeys.MI_MEASURE, "full, sample or fused", OutputMeasure::fromConfigName);
        this.checkpointKeep = read.positiveInt(ConfigKeys.CHECKPOINT_KEEP);
        this.dataFormat = read.parse(ConfigKeys.DATA_FORMAT, "idx, csv, libsvm, parquet, orc, json, table or spark",
                DataFormat::fromConfigName);
        this.csvFormat = csvFormat(read, dataFormat);
        this.tableColumns = tableColumns(read, dataFormat, effective);
        this.numFeatures = textFormatOnly(read, dataFormat, ConfigKeys.DATA_NUM_FEATURES)
                ? read.positiveInt(ConfigKeys.DATA_NUM_FEATURES) : 0;
        this.imageShape = textFormatOnly(read, dataFormat, ConfigKeys.DATA_IMAGE_SHAPE)
                ? Optional.of(read.parse(ConfigKeys.DATA_IMAGE_SHAPE, "HxW, e.g. 28x28", ImageShape::parse))
                : Optional.empty();
        requireImageShapeFits(read);
        this.scaling = scaling(read, dataFormat);
    }

    /** model=custom takes its network from model.config or model.init, and the mlp's keys do not apply to it. */
    private void requireCustomKeys(SettingReader read) {
        if (!model.isCustom()) {
            for (String key : new String[] {ConfigKeys.MODEL_CONFIG, ConfigKeys.MODEL_INIT}) {
                if (!read.raw(key).isEmpty()) {
                    throw read.conflict(key, ConfigKeys.MODEL, "applies to model=custom only (set model=custom to train"
                            + " the network it describes)");
                }
            }
            return;
        }
        for (String key : new String[] {ConfigKeys.MODEL_HIDDEN, ConfigKeys.MODEL_ACTIVATION}) {
            if (read.differsFromDefault(key)) {
                throw read.conflict(key, ConfigKeys.MODEL, "does not apply to model=custom: the layers are those of"
                        + " model.config (or model.init)");
            }
        }
        if (modelConfig.isEmpty() && modelInit.isEmpty()) {
            throw new ConfigException("Configuration key 'model' = 'custom' needs model.config=URI (a DL4J"
                    + " MultiLayerConfiguration in JSON) or model.init=URI (a DL4J model.zip), or both.");
        }
    }

    private static int parseOutputs(String value) {
        int outputs = Integer.parseInt(value);
        if (outputs < 2 || outputs > MAX_CLASSES) {
            throw new IllegalArgumentException("out of range");
        }
        return outputs;
    }

    /** The CSV settings; set for another format, they are a mistake worth a message (a forgotten data.format). */
    private static CsvFormat csvFormat(SettingReader read, DataFormat format) {
        if (format != DataFormat.CSV) {
            for (String key : new String[] {ConfigKeys.DATA_CSV_LABEL_COLUMN, ConfigKeys.DATA_CSV_HEADER,
                    ConfigKeys.DATA_CSV_SEPARATOR}) {
                if (read.differsFromDefault(key)) {
                    throw read.conflict(key, ConfigKeys.DATA_FORMAT, "applies to data.format=csv only");
                }
            }
            return null;
        }
        String column = read.raw(ConfigKeys.DATA_CSV_LABEL_COLUMN);
        int labelColumn = column.equals("last") ? CsvFormat.LAST_COLUMN
                : read.parse(ConfigKeys.DATA_CSV_LABEL_COLUMN, "a 0-based column index or last", JobConfig::parseIndex);
        boolean header = read.parse(ConfigKeys.DATA_CSV_HEADER, "true or false", JobConfig::parseBoolean);
        char separator = read.parse(ConfigKeys.DATA_CSV_SEPARATOR, "one character, or tab or space", JobConfig::parseSeparator);
        return read.parse(ConfigKeys.DATA_CSV_SEPARATOR, "a character other than a quote", v -> new CsvFormat(labelColumn, header, separator));
    }

    private static final String[] TABLE_KEYS = {ConfigKeys.DATA_LABEL_COL, ConfigKeys.DATA_FEATURES_COL,
        ConfigKeys.DATA_FEATURE_COLS, ConfigKeys.DATA_LABEL_INDEXING, ConfigKeys.DATA_NULLS,
        ConfigKeys.DATA_TEST_FRACTION, ConfigKeys.DATA_SPARK_FORMAT};

    /** The Spark SQL settings; set for milr's own file formats, they are a mistake worth a message. */
    private static TableColumns tableColumns(SettingReader read, DataFormat format, Map<String, String> values) {
        Map<String, String> options = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(ConfigKeys.DATA_SPARK_OPTION_PREFIX)) {
                options.put(key.substring(ConfigKeys.DATA_SPARK_OPTION_PREFIX.length()), value.trim());
            }
        });
        if (!format.isSparkSql()) {
            for (String key : TABLE_KEYS) {
                if (read.differsFromDefault(key)) {
                    throw read.conflict(key, ConfigKeys.DATA_FORMAT, "applies to the Spark SQL formats only (parquet,"
                            + " orc, json, table, spark)");
                }
            }
            if (!options.isEmpty()) {
                throw new ConfigException("Configuration key '" + ConfigKeys.DATA_SPARK_OPTION_PREFIX
                        + options.keySet().iterator().next() + "' applies to the Spark SQL formats only; data.format is '"
                        + format.configName() + "'.");
            }
            return null;
        }
        String sourceFormat = switch (format) {
            case TABLE -> null;
            case SPARK -> read.nonEmpty(ConfigKeys.DATA_SPARK_FORMAT);
            default -> format.configName();
        };
        if (format != DataFormat.SPARK && read.differsFromDefault(ConfigKeys.DATA_SPARK_FORMAT)) {
            throw read.conflict(ConfigKeys.DATA_SPARK_FORMAT, ConfigKeys.DATA_FORMAT, "applies to data.format=spark"
                    + " only");
        }
        if (format == DataFormat.TABLE && !options.isEmpty()) {
            throw new ConfigException("Configuration key '" + ConfigKeys.DATA_SPARK_OPTION_PREFIX
                    + options.keySet().iterator().next() + "' does not apply to data.format=table: a catalog table"
                    + " is read as the catalog defines it.");
        }
        List<String> featureCols = read.raw(ConfigKeys.DATA_FEATURE_COLS).isEmpty() ? List.of()
                : java.util.Arrays.stream(read.raw(ConfigKeys.DATA_FEATURE_COLS).split(",")).map(String::trim)
                        .filter(c -> !c.isEmpty()).toList();
        if (!featureCols.isEmpty() && read.differsFromDefault(ConfigKeys.DATA_FEATURES_COL)) {
            throw read.conflict(ConfigKeys.DATA_FEATURES_COL, ConfigKeys.DATA_FEATURE_COLS, "names one features column;"
                    + " data.featureCols names several: set one of them");
        }
        TableColumns.LabelIndexing indexing = read.raw(ConfigKeys.DATA_LABEL_INDEXING).isEmpty()
                ? TableColumns.LabelIndexing.FREQUENCY
                : read.parse(ConfigKeys.DATA_LABEL_INDEXING, "frequency or alphabet",
                        TableColumns.LabelIndexing::fromConfigName);
        boolean skipNulls = read.parse(ConfigKeys.DATA_NULLS, "error or skip", v -> switch (v) {
            case "error" -> false;
            case "skip" -> true;
            default -> throw new IllegalArgumentException("unknown");
        });
        double testFraction = read.raw(ConfigKeys.DATA_TEST_FRACTION).isEmpty() ? 0
                : read.parse(ConfigKeys.DATA_TEST_FRACTION, "a share strictly between 0 and 1, e.g. 0.2", v -> {
                    double f = Double.parseDouble(v);
                    if (!(f > 0 && f < 1)) {
                        throw new IllegalArgumentException("out of range");
                    }
                    return f;
                });
        return new TableColumns(sourceFormat, options, read.nonEmpty(ConfigKeys.DATA_LABEL_COL),
                read.nonEmpty(ConfigKeys.DATA_FEATURES_COL), featureCols, indexing, skipNulls, testFraction);
    }

    private static int parseIndex(String value) {
        int index = Integer.parseInt(value);
        if (index < 0) {
            throw new IllegalArgumentException("negative");
        }
        return index;
    }

    private static char parseSeparator(String value) {
        return switch (value) {
            case "tab", "\\t" -> '\t';
            case "space" -> ' ';
            default -> {
                if (value.length() != 1) {
                    throw new IllegalArgumentException("not a single character");
                }
                yield value.charAt(0);
            }
        };
    }

    /** Whether a key for csv and libsvm has a value; IDX files declare their image size themselves. */
    private static boolean textFormatOnly(SettingReader read, DataFormat format, String key) {
        if (read.raw(key).isEmpty()) {
            return false;
        }
        if (format == DataFormat.IDX) {
            throw read.conflict(key, ConfigKeys.DATA_FORMAT, "applies to csv and libsvm only: IDX files declare"
                    + " their image size");
        }
        return true;
    }

    private void requireImageShapeFits(SettingReader read) {
        if (model.name().equals(ModelSpec.CNN) && dataFormat != DataFormat.IDX && imageShape.isEmpty()) {
            throw new ConfigException("Configuration key 'model' = 'cnn' needs images, but data.format = '"
                    + dataFormat.configName() + "' holds flat feature vectors: set data.imageShape=HxW (e.g. 28x28)"
                    + " to say how the features form an image, or use model=mlp.");
        }
        imageShape.ifPresent(shape -> {
            if (numFeatures > 0 && shape.pixels() != numFeatures) {
                throw read.conflict(ConfigKeys.DATA_IMAGE_SHAPE, ConfigKeys.DATA_NUM_FEATURES, "has " + shape.pixels()
                        + " pixels, expected one per feature");
            }
            if (model.name().equals(ModelSpec.CNN) && !ModelSpec.cnnFits(shape.height(), shape.width())) {
                throw read.conflict(ConfigKeys.DATA_IMAGE_SHAPE, ConfigKeys.MODEL, "is too small: the LeNet-like cnn"
                        + " needs images of at least " + ModelSpec.CNN_MIN_SIZE + "x" + ModelSpec.CNN_MIN_SIZE);
            }
        });
    }

    /** IDX pixels are divided by 255 unless told otherwise; text formats are left as they are. */
    private static FeatureScaling scaling(SettingReader read, DataFormat format) {
        FeatureScaling.Method method = read.raw(ConfigKeys.DATA_SCALE).isEmpty()
                ? (format == DataFormat.IDX ? FeatureScaling.Method.UNIT : FeatureScaling.Method.NONE)
                : read.parse(ConfigKeys.DATA_SCALE, "none, unit, minmax or standard", FeatureScaling.Method::fromConfigName);
        boolean maxGiven = !read.raw(ConfigKeys.DATA_SCALE_MAX).isEmpty();
        if (method != FeatureScaling.Method.UNIT) {
            if (maxGiven) {
                throw read.conflict(ConfigKeys.DATA_SCALE_MAX, ConfigKeys.DATA_SCALE, "applies to data.scale=unit only");
            }
            return FeatureScaling.of(method);
        }
        if (maxGiven) {
            return read.parse(ConfigKeys.DATA_SCALE_MAX, "a number > 0 within the float range",
                    v -> FeatureScaling.unit(Double.parseDouble(v)));
        }
        if (format == DataFormat.IDX) {
            return FeatureScaling.unit(IDX_PIXEL_MAX);
        }
        throw new ConfigException("Configuration key 'data.scaleMax' needs a value: data.scale=unit divides every"
                + " feature by it, and only IDX pixels have a default (255); data.format is " + format.configName()
                + ". Set data.scaleMax to the largest value a feature can take, or choose another data.scale.");
    }

    private static double parseAccuracy(String value) {
        double accuracy = Double.parseDouble(value);
        if (!(accuracy > 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("must be in (0, 1]");
        }
        return accuracy;
    }

    private OptimizerSpec readOptimizer(SettingReader read) {
        Optimizer kind = read.parse(ConfigKeys.OPTIMIZER, "one of mi-lr, sgd, sgd-step, adam, rmsprop, lars",
                Optimizer::fromConfigName);
        double lr = read.raw(ConfigKeys.OPT_LR).isEmpty() ? kind.defaultLr() : read.positiveDouble(ConfigKeys.OPT_LR);
        double factor = read.positiveDouble(ConfigKeys.OPT_STEP_FACTOR);
        if (factor > 1) {
            throw new ConfigException("Configuration key 'opt.stepFactor': found '" + factor + "', expected a factor in (0, 1].");
        }
        return new OptimizerSpec(kind, lr, read.positiveInt(ConfigKeys.OPT_STEP_EVERY), factor,
                read.nonNegativeDouble(ConfigKeys.OPT_MOMENTUM), read.nonNegativeDouble(ConfigKeys.OPT_WEIGHT_DECAY),
                read.positiveDouble(ConfigKeys.OPT_TRUST));
    }

    private static List<String> parseCompareRuns(String value) {
        List<String> runs = java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        for (String run : runs) {
            if (!run.equals(MI_LR_LAYER)) {
                Optimizer.fromConfigName(run);
            }
        }
        if (runs.isEmpty() || runs.size() != new java.util.HashSet<>(runs).size()) {
            throw new IllegalArgumentException("a list of distinct optimizer names");
        }
        return runs;
    }

    private static boolean parseRangeMode(String value) {
        return switch (value) {
            case "fixed" -> false;
            case "auto" -> true;
            default -> throw new IllegalArgumentException("lr.range must be fixed or auto");
        };
    }

    private static double parseFactor(String value) {
        double factor = Double.parseDouble(value);
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("must be a finite number > 1");
        }
        return factor;
    }

    private static boolean parseBoolean(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    public static JobConfig from(ConfigSources sources) {
        return new JobConfig(sources);
    }

    /** Defaults overridden by {@code key=value} pairs: convenient for tests and programmatic use. */
    public static JobConfig of(String... assignments) {
        return from(ConfigSources.of(null, java.util.List.of(assignments)));
    }

    /** Every key with its effective value in the documented order, as written to a run's {@code config.properties}. */
    public Map<String, String> effectiveValues() {
        Map<String, String> values = new LinkedHashMap<>(effective);
        values.put(ConfigKeys.LR_START, Double.toString(lrSettings.lrStart()));
        values.put(ConfigKeys.DATA_SCALE, scaling.method().configName());
        if (scaling.method() == FeatureScaling.Method.UNIT) {
            values.put(ConfigKeys.DATA_SCALE_MAX, Double.toString(scaling.scaleMax()));
        }
        return values;
    }

    public ModelSpec model() { return model; }
    /** model=custom: the URI of the network's MultiLayerConfiguration JSON; empty when not given. */
    public String modelConfig() { return modelConfig; }
    /** model=custom: the URI of the model.zip whose weights training starts from; empty when not given. */
    public String modelInit() { return modelInit; }
    public MiLrSettings lrSettings() { return lrSettings; }
    public MiEstimator estimator() { return estimator; }
    public int probeSize() { return probeSize; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public int averagingFrequency() { return averagingFrequency; }
    /** Number of parallel training partitions; 0 means Spark's default parallelism. */
    public int workers() { return workers; }
    public long seed() { return seed; }
    public String trainData() { return trainData; }
    /** The test data's location; empty when the test set is split off the training set ({@code data.testFraction}). */
    public String testData() { return testData; }
    /** How a Spark SQL table holds its examples; null unless data.format is a Spark SQL format. */
    public TableColumns tableColumns() { return tableColumns; }
    public int trainLimit() { return trainLimit; }
    public int testLimit() { return testLimit; }
    public String sparkMaster() { return sparkMaster; }
    /** lr.range=auto: run the range test first and train within its suggestion. */
    public boolean autoRange() { return autoRange; }
    public RangeTestSettings rangeSettings() { return rangeSettings; }
    public RangeRule rangeRule() { return rangeRule; }
    /** The output layer's size; 0 means the number of classes in the data. */
    public int modelOutputs() { return modelOutputs; }
    public OnDivergence onDivergence() { return onDivergence; }
    public OutputMeasure outputMeasure() { return outputMeasure; }
    /** How many of the newest checkpoints stay in the run directory (at least 1). */
    public int checkpointKeep() { return checkpointKeep; }
    public DataFormat dataFormat() { return dataFormat; }
    /** How CSV files are laid out; null unless data.format=csv. */
    public CsvFormat csvFormat() { return csvFormat; }
    /** Features per example of a text format; 0 means from the data. */
    public int numFeatures() { return numFeatures; }
    public Optional<ImageShape> imageShape() { return imageShape; }
    public FeatureScaling scaling() { return scaling; }

    public OptimizerSpec optimizer() { return optimizer; }
    /** The runs of {@code compare}: optimizer names, plus {@value #MI_LR_LAYER}. */
    public List<String> compareRuns() { return compareRuns; }
    /** The target accuracy of {@code compare}; NaN: derived from the baselines. */
    public double compareTarget() { return compareTarget; }
    /** The seeds {@code compare} runs every optimiser with (just {@code seed} unless compare.seeds is set). */
    public List<Long> compareSeeds() { return compareSeeds; }

    private static List<Long> parseSeeds(String text) {
        List<Long> seeds = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            long seed = Long.parseLong(part.trim());
            if (seeds.contains(seed)) {
                throw new IllegalArgumentException("seed " + seed + " is listed twice");
            }
            seeds.add(seed);
        }
        return List.copyOf(seeds);
    }

    /** This configuration with lr.min and lr.max replaced (lr.start reset to the new lr.max), e.g. from a range test. */
    public JobConfig withLrRange(double lrMin, double lrMax) {
        return with(ConfigKeys.LR_MIN + "=" + lrMin, ConfigKeys.LR_MAX + "=" + lrMax, ConfigKeys.LR_START + "=");
    }

    /** This configuration with some keys replaced ({@code key=value} each). */
    public JobConfig with(String... assignments) {
        Map<String, String> values = effectiveValues();
        values.put(ConfigKeys.LR_START, effective.get(ConfigKeys.LR_START));
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return of(values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
