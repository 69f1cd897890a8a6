package io.milr.config;

import io.milr.data.FeatureScaling;
import io.milr.lr.LrMode;
import io.milr.lr.MiLrSettings;
import io.milr.lr.range.GeometricSchedule;
import io.milr.lr.range.RangeRule;
import io.milr.lr.range.RangeTestSettings;
import io.milr.mi.MiEstimator;
import io.milr.model.ModelSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated job configuration. Every check on user-supplied settings happens here, once, before
 * any data is read or Spark is started; a bad value raises a {@link ConfigException} naming the key.
 */
public final class JobConfig {
    private final Map<String, String> effective;
    private final ModelSpec model;
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
    private final FeatureScaling scaling;

    private JobConfig(ConfigSources sources) {
        SettingReader read = new SettingReader(sources);
        this.effective = sources.values();
        this.model = read.parse(ConfigKeys.MODEL, "mlp or cnn", v -> ModelSpec.of(v,
                read.intList(ConfigKeys.MODEL_HIDDEN), read.nonEmpty(ConfigKeys.MODEL_ACTIVATION)));
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
        this.testData = read.nonEmpty(ConfigKeys.DATA_TEST);
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
        this.scaling = scaling(read);
    }

    private static FeatureScaling scaling(SettingReader read) {
        FeatureScaling.Method method = read.parse(ConfigKeys.DATA_SCALE, "none, unit, minmax or standard",
                FeatureScaling.Method::fromConfigName);
        if (method != FeatureScaling.Method.UNIT) {
            if (!read.raw(ConfigKeys.DATA_SCALE_MAX).equals(ConfigKeys.defaults().get(ConfigKeys.DATA_SCALE_MAX))) {
                throw read.conflict(ConfigKeys.DATA_SCALE_MAX, ConfigKeys.DATA_SCALE, "applies to data.scale=unit only");
            }
            return FeatureScaling.of(method);
        }
        return read.parse(ConfigKeys.DATA_SCALE_MAX, "a number > 0 within the float range",
                v -> FeatureScaling.unit(Double.parseDouble(v)));
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
        return values;
    }

    public ModelSpec model() { return model; }
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
    public String testData() { return testData; }
    public int trainLimit() { return trainLimit; }
    public int testLimit() { return testLimit; }
    public String sparkMaster() { return sparkMaster; }
    /** lr.range=auto: run the range test first and train within its suggestion. */
    public boolean autoRange() { return autoRange; }
    public RangeTestSettings rangeSettings() { return rangeSettings; }
    public RangeRule rangeRule() { return rangeRule; }
    public FeatureScaling scaling() { return scaling; }

    /** This configuration with lr.min and lr.max replaced (lr.start reset to the new lr.max), e.g. from a range test. */
    public JobConfig withLrRange(double lrMin, double lrMax) {
        Map<String, String> values = effectiveValues();
        values.put(ConfigKeys.LR_MIN, Double.toString(lrMin));
        values.put(ConfigKeys.LR_MAX, Double.toString(lrMax));
        values.put(ConfigKeys.LR_START, "");
        return of(values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
