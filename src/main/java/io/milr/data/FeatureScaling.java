package io.milr.data;

import java.util.Locale;

/**
 * How raw features are scaled before training ({@code data.scale}): not at all, divided by a fixed
 * maximum, or per feature to [0, 1] (min-max) or to mean 0 and standard deviation 1, with the
 * statistics taken from the training set and applied unchanged to the test set.
 */
public record FeatureScaling(Method method, double scaleMax) {

    public enum Method {
        NONE, UNIT, MINMAX, STANDARD;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Method fromConfigName(String name) {
            for (Method method : values()) {
                if (method.configName().equals(name)) {
                    return method;
                }
            }
            throw new IllegalArgumentException("unknown scaling '" + name + "'");
        }
    }

    public FeatureScaling {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        // Features are floats: a maximum that is 0 or infinite as a float would silently scale nothing.
        if (method == Method.UNIT && !((float) scaleMax > 0 && Float.isFinite((float) scaleMax))) {
            throw new IllegalArgumentException("unit scaling needs a maximum > 0 within the float range, found "
                    + scaleMax);
        }
    }

    public static FeatureScaling none() {
        return new FeatureScaling(Method.NONE, Double.NaN);
    }

    /** Divides every feature by {@code max}: IDX pixels by 255. */
    public static FeatureScaling unit(double max) {
        return new FeatureScaling(Method.UNIT, max);
    }

    public static FeatureScaling of(Method method) {
        return new FeatureScaling(method, Double.NaN);
    }

    /** Whether the scaling needs no statistics of the data (none and unit). */
    public boolean isConstant() {
        return method == Method.NONE || method == Method.UNIT;
    }

    /** The scaler of a {@linkplain #isConstant() constant} scaling, for {@code numFeatures} features. */
    public FeatureScaler fitConstant(int numFeatures) {
        return switch (method) {
            case NONE -> FeatureScaler.constant(numFeatures, 0f, 1f);
            case UNIT -> FeatureScaler.constant(numFeatures, 0f, (float) scaleMax);
            case MINMAX, STANDARD -> throw new IllegalStateException(this + " needs the training set");
        };
    }

    /** The scaler for these settings, its per-feature statistics taken from {@code train}. */
    public FeatureScaler fit(LabeledData train) {
        return isConstant() ? fitConstant(train.numFeatures())
                : fit(DataSummary.of(train, true), train.numFeatures());
    }

    /**
     * The scaler for {@code numFeatures} features, its statistics those of a training set's
     * {@link DataSummary} (merged from the executors' summaries; features never listed count as 0).
     */
    public FeatureScaler fit(DataSummary train, int numFeatures) {
        return switch (method) {
            case NONE, UNIT -> fitConstant(numFeatures);
            case MINMAX -> minMax(train, numFeatures);
            case STANDARD -> standard(train, numFeatures);
        };
    }

    /** Whether fitting needs a {@link DataSummary} with feature statistics. */
    public boolean needsStatistics() {
        return !isConstant();
    }

    private static FeatureScaler minMax(DataSummary train, int n) {
        float[] min = train.min(n);
        float[] max = train.max(n);
        float[] range = new float[n];
        for (int f = 0; f < n; f++) {
            range[f] = max[f] - min[f];
        }
        return new FeatureScaler(min, range);
    }

    private static FeatureScaler standard(DataSummary train, int n) {
        double[] sum = train.sum(n);
        double[] sumOfSquares = train.sumOfSquares(n);
        long size = train.examples();
        float[] mean = new float[n];
        float[] deviation = new float[n];
        for (int f = 0; f < n; f++) {
            double m = sum[f] / size;
            mean[f] = (float) m;
            deviation[f] = (float) Math.sqrt(Math.max(0, sumOfSquares[f] / size - m * m));
        }
        return new FeatureScaler(mean, deviation);
    }

    @Override
    public String toString() {
        return method == Method.UNIT ? "unit (divided by " + scaleMax + ")" : method.configName();
    }
}
