package io.milr.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every key a job configuration may hold, with its default. The names are a stable interface. */
public final class ConfigKeys {
    public static final String MODEL = "model";
    public static final String MODEL_HIDDEN = "model.hidden";
    public static final String MODEL_ACTIVATION = "model.activation";
    public static final String MODEL_OUTPUTS = "model.outputs";
    public static final String MODEL_CONFIG = "model.config";
    public static final String MODEL_INIT = "model.init";
    public static final String LR_MIN = "lr.min";
    public static final String LR_MAX = "lr.max";
    public static final String LR_START = "lr.start";
    public static final String LR_MODE = "lr.mode";
    public static final String MI_THRESHOLD = "mi.threshold";
    public static final String MI_ESTIMATOR = "mi.estimator";
    public static final String MI_PROBE_SIZE = "mi.probeSize";
    public static final String MI_MEASURE = "mi.measure";
    public static final String TRAIN_EPOCHS = "train.epochs";
    public static final String TRAIN_BATCH_SIZE = "train.batchSize";
    public static final String TRAIN_AVERAGING_FREQUENCY = "train.averagingFrequency";
    public static final String TRAIN_WORKERS = "train.workers";
    public static final String TRAIN_SEED = "train.seed";
    public static final String TRAIN_ON_DIVERGENCE = "train.onDivergence";
    public static final String CHECKPOINT_KEEP = "checkpoint.keep";
    public static final String DATA_FORMAT = "data.format";
    public static final String DATA_TRAIN = "data.train";
    public static final String DATA_TEST = "data.test";
    public static final String DATA_CSV_LABEL_COLUMN = "data.csv.labelColumn";
    public static final String DATA_CSV_HEADER = "data.csv.header";
    public static final String DATA_CSV_SEPARATOR = "data.csv.separator";
    public static final String DATA_NUM_FEATURES = "data.numFeatures";
    public static final String DATA_IMAGE_SHAPE = "data.imageShape";
    public static final String DATA_SCALE = "data.scale";
    public static final String DATA_SCALE_MAX = "data.scaleMax";
    public static final String DATA_TRAIN_LIMIT = "data.trainLimit";
    public static final String DATA_TEST_LIMIT = "data.testLimit";
    public static final String DATA_LABEL_COL = "data.labelCol";
    public static final String DATA_FEATURES_COL = "data.featuresCol";
    public static final String DATA_FEATURE_COLS = "data.featureCols";
    public static final String DATA_LABEL_INDEXING = "data.labelIndexing";
    public static final String DATA_NULLS = "data.nulls";
    public static final String DATA_TEST_FRACTION = "data.testFraction";
    public static final String DATA_SPARK_FORMAT = "data.spark.format";
    /** Keys {@code data.spark.option.KEY=VALUE}: options of the Spark SQL data source, any KEY. */
    public static final String DATA_SPARK_OPTION_PREFIX = "data.spark.option.";
    public static final String SPARK_MASTER = "spark.master";
    public static final String LR_RANGE = "lr.range";
    public static final String OPTIMIZER = "optimizer";
    public static final String OPT_LR = "opt.lr";
    public static final String OPT_STEP_EVERY = "opt.stepEvery";
    public static final String OPT_STEP_FACTOR = "opt.stepFactor";
    public static final String OPT_MOMENTUM = "opt.momentum";
    public static final String OPT_WEIGHT_DECAY = "opt.weightDecay";
    public static final String OPT_TRUST = "opt.trust";
    public static final String COMPARE_OPTIMIZERS = "compare.optimizers";
    public static final String COMPARE_TARGET = "compare.target";
    public static final String COMPARE_SEEDS = "compare.seeds";
    public static final String RANGE_LR_LOW = "range.lrLow";
    public static final String RANGE_LR_HIGH = "range.lrHigh";
    public static final String RANGE_STEPS_PER_DECADE = "range.stepsPerDecade";
    public static final String RANGE_ROUNDS_PER_STEP = "range.roundsPerStep";
    public static final String RANGE_PROBE_SIZE = "range.probeSize";
    public static final String RANGE_RULE = "range.rule";
    public static final String RANGE_MARGIN = "range.margin";
    public static final String RANGE_RESTART = "range.restart";
    public static final String RANGE_DIVERGENCE = "range.divergence";

    private static final List<ConfigKey> ALL = List.of(
            new ConfigKey(MODEL, "mlp", "network: mlp (dense layers), cnn (LeNet-like, images of at least 16x16) or custom (model.config and/or model.init)"),
            new ConfigKey(MODEL_CONFIG, "", "model=custom: a DL4J MultiLayerConfiguration in JSON, any Hadoop URI; checked against the data before Spark starts (output layer: softmax, MCXENT or NLL loss, K units); its updaters are replaced by milr's optimizer"),
            new ConfigKey(MODEL_INIT, "", "model=custom: a DL4J model.zip (e.g. an earlier run's) whose weights training starts from (fine-tuning); not its updater state; with model.config, both must have the same layers"),
            new ConfigKey(MODEL_HIDDEN, "500,300", "mlp hidden layer sizes, comma-separated"),
            new ConfigKey(MODEL_ACTIVATION, "relu", "mlp hidden activation: relu, tanh, sigmoid, leakyrelu, elu"),
            new ConfigKey(MODEL_OUTPUTS, "", "output layer size, the number of classes K (2.." + JobConfig.MAX_CLASSES + "); empty means from the data (largest label + 1); set, it must equal the largest label + 1"),
            new ConfigKey(LR_MIN, "0.002", "lower LR bound: the LR never decays below it"),
            new ConfigKey(LR_MAX, "0.2", "upper LR bound: the LR never rises above it"),
            new ConfigKey(LR_START, "", "LR of the first epoch, in [lr.min, lr.max]; empty means lr.max"),
            new ConfigKey(LR_MODE, "network", "network: one MI-driven LR for all layers; layer: one per layer"),
            new ConfigKey(LR_RANGE, "fixed", "fixed: train within lr.min..lr.max; auto: run the range test first and train within its suggestion"),
            new ConfigKey(MI_THRESHOLD, "0.005", "the LRs decay once the output head's normalised MI rises by less than this"),
            new ConfigKey(MI_ESTIMATOR, "plugin", "MI estimator: plugin or miller-madow"),
            new ConfigKey(MI_PROBE_SIZE, "10000", "training examples in the fixed probe sample for hidden-layer heads"),
            new ConfigKey(MI_MEASURE, "full", "what the output head's table counts after an epoch: full (a pass over the training set), sample (a pass over the probe sample) or fused (counted during the epoch's training passes: no extra pass)"),
            new ConfigKey(TRAIN_EPOCHS, "10", "number of epochs"),
            new ConfigKey(TRAIN_BATCH_SIZE, "64", "minibatch size per worker"),
            new ConfigKey(TRAIN_AVERAGING_FREQUENCY, "10", "minibatches each worker fits between parameter averagings"),
            new ConfigKey(TRAIN_WORKERS, "", "data partitions trained in parallel; empty means Spark's default parallelism"),
            new ConfigKey(TRAIN_SEED, "42", "seed for weight initialisation, shuffling and the probe sample"),
            new ConfigKey(TRAIN_ON_DIVERGENCE, "stop", "on a NaN or infinite loss or parameter: stop (model.zip keeps the last good epoch) or rollback (restore the last good epoch, halve lr.max, retry)"),
            new ConfigKey(CHECKPOINT_KEEP, "2", "checkpoints kept in the run directory (checkpoints/epoch-N, written after every epoch); train --resume DIR continues from the last complete one"),
            new ConfigKey(DATA_FORMAT, "idx", "data format: idx, csv or libsvm (milr's readers); parquet, orc, json, table (data.train=[db.]table of Spark's catalog) or spark (any Spark SQL source, data.spark.format)"),
            new ConfigKey(DATA_TRAIN, "data/mnist/train", "training data, any Hadoop URI: idx: the prefix of <prefix>-images-idx3-ubyte[.gz] and -labels-idx1-ubyte[.gz]; csv, libsvm: a file, or a directory whose files (sorted by name, not .* or _*) are read"),
            new ConfigKey(DATA_TEST, "data/mnist/t10k", "test data, same form as data.train"),
            new ConfigKey(DATA_CSV_LABEL_COLUMN, "0", "csv: 0-based index of the label column, or last"),
            new ConfigKey(DATA_CSV_HEADER, "false", "csv: true when the first line of every file is a header"),
            new ConfigKey(DATA_CSV_SEPARATOR, ",", "csv: the field separator, one character, or tab or space"),
            new ConfigKey(DATA_NUM_FEATURES, "", "csv, libsvm: features per example; empty means from the data (csv: the first line; libsvm: the largest index in data.train and data.test)"),
            new ConfigKey(DATA_IMAGE_SHAPE, "", "csv, libsvm: HxW when the features are an image, row-major (model=cnn needs it); empty means a flat vector"),
            new ConfigKey(DATA_SCALE, "", "feature scaling: none, unit (divide by data.scaleMax), minmax or standard (per feature, statistics from the training set); empty means unit for idx, none otherwise"),
            new ConfigKey(DATA_SCALE_MAX, "", "the divisor of data.scale=unit; empty means 255 for idx (csv and libsvm need it)"),
            new ConfigKey(DATA_LABEL_COL, "label", "parquet, orc, json, table, spark: the label column: class indices 0..K-1 (any number type), or strings (see data.labelIndexing)"),
            new ConfigKey(DATA_FEATURES_COL, "features", "parquet, orc, json, table, spark: the features column: an MLlib Vector (dense or sparse) or an array of numbers"),
            new ConfigKey(DATA_FEATURE_COLS, "", "parquet, orc, json, table, spark: numeric feature columns instead of data.featuresCol, comma-separated, globs allowed (pixel*)"),
            new ConfigKey(DATA_LABEL_INDEXING, "", "string labels: frequency (most frequent is 0, ties alphabetical) or alphabet, as MLlib's StringIndexer; empty means frequency"),
            new ConfigKey(DATA_NULLS, "error", "parquet, orc, json, table, spark: a null label or feature is an error, or skip (such rows are skipped and counted)"),
            new ConfigKey(DATA_TEST_FRACTION, "", "parquet, orc, json, table, spark: split this share of data.train off as the test set (seeded by train.seed) instead of reading data.test"),
            new ConfigKey(DATA_SPARK_FORMAT, "", "data.format=spark: the Spark SQL source's name (delta, avro, ...; bring its package); its options: data.spark.option.KEY=VALUE"),
            new ConfigKey(DATA_TRAIN_LIMIT, "0", "use only the first N training examples; 0 means all"),
            new ConfigKey(DATA_TEST_LIMIT, "0", "use only the first N test examples; 0 means all"),
            new ConfigKey(SPARK_MASTER, "local[*]", "Spark master; a master given by spark-submit takes precedence"),
            new ConfigKey(OPTIMIZER, "mi-lr", "mi-lr (SGD with MI-driven LRs), or a baseline: sgd, sgd-step, adam, rmsprop, lars"),
            new ConfigKey(OPT_LR, "", "baseline LR; empty: sgd 0.1, sgd-step 0.2, adam 0.001, rmsprop 0.001, lars 1.0 (global LR)"),
            new ConfigKey(OPT_STEP_EVERY, "3", "sgd-step: epochs between LR decays"),
            new ConfigKey(OPT_STEP_FACTOR, "0.3", "sgd-step: factor applied to the LR at each decay"),
            new ConfigKey(OPT_MOMENTUM, "0.9", "lars: momentum"),
            new ConfigKey(OPT_WEIGHT_DECAY, "0.0005", "lars: weight decay inside the trust ratio"),
            new ConfigKey(OPT_TRUST, "0.001", "lars: trust coefficient eta of the layer-wise ratio"),
            new ConfigKey(COMPARE_OPTIMIZERS, "mi-lr,mi-lr-layer,sgd,sgd-step,adam,rmsprop,lars",
                    "compare: the runs, in order; mi-lr-layer is mi-lr with lr.mode=layer"),
            new ConfigKey(COMPARE_TARGET, "", "compare: target test accuracy; empty: best baseline's final accuracy minus 0.5 points"),
            new ConfigKey(COMPARE_SEEDS, "", "compare: comma-separated seeds to repeat every run with (mean and spread reported); empty: just seed"),
            new ConfigKey(RANGE_LR_LOW, "1e-5", "range test: first (lowest) LR"),
            new ConfigKey(RANGE_LR_HIGH, "10", "range test: last (highest) LR"),
            new ConfigKey(RANGE_STEPS_PER_DECADE, "8", "range test: LR steps per factor of 10"),
            new ConfigKey(RANGE_ROUNDS_PER_STEP, "1", "range test: parameter-averaging rounds trained at each LR"),
            new ConfigKey(RANGE_PROBE_SIZE, "2000", "range test: training examples in the fixed probe sample the MI is measured on"),
            new ConfigKey(RANGE_RULE, "mi-fall", "range test: suggestion rule, mi-fall (METHOD.md section 4) or loss-min"),
            new ConfigKey(RANGE_MARGIN, "0.05", "range test: change of normalised MI that counts as a clear rise or fall"),
            new ConfigKey(RANGE_RESTART, "false", "range test: true restarts every step from the initial weights; false continues"),
            new ConfigKey(RANGE_DIVERGENCE, "4", "range test: stop once the loss exceeds this factor times its best (or is NaN)"));

    private ConfigKeys() {
    }

    public static List<ConfigKey> all() {
        return ALL;
    }

    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ConfigKey key : ALL) {
            defaults.put(key.name(), key.defaultValue());
        }
        return defaults;
    }

    public static boolean isKnown(String name) {
        return ALL.stream().anyMatch(k -> k.name().equals(name))
                || (name.startsWith(DATA_SPARK_OPTION_PREFIX) && name.length() > DATA_SPARK_OPTION_PREFIX.length());
    }

    /** The known key closest to a misspelt one, or null when none is plausibly meant. */
    public static String closest(String unknown) {
        return ClosestName.among(unknown, ALL.stream().map(ConfigKey::name).toList(), 3);
    }
}
