package io.milr.lr;

/**
 * Parameters of the MI learning-rate rule, validated once here.
 *
 * @param lrMin     lower learning-rate bound ({@code lr.min}), 0 < lrMin < lrMax
 * @param lrMax     upper learning-rate bound ({@code lr.max})
 * @param lrStart   learning rate of every trainable layer before the first decay ({@code lr.start})
 * @param threshold tau: a rise of the output head's normalised MI below this is a stall ({@code mi.threshold})
 * @param mode      which head each layer follows ({@code lr.mode})
 */
public record MiLrSettings(double lrMin, double lrMax, double lrStart, double threshold, LrMode mode) {

    public MiLrSettings {
        if (!(Double.isFinite(lrMin) && lrMin > 0)) {
            throw new IllegalArgumentException("lr.min must be a finite number > 0, found " + lrMin);
        }
        if (!(Double.isFinite(lrMax) && lrMax > lrMin)) {
            throw new IllegalArgumentException("lr.max must be a finite number greater than lr.min (" + lrMin
                    + "), found " + lrMax);
        }
        if (!(lrStart >= lrMin && lrStart <= lrMax)) {
            throw new IllegalArgumentException("lr.start must be in [lr.min, lr.max] = [" + lrMin + ", " + lrMax
                    + "], found " + lrStart);
        }
        if (!(Double.isFinite(threshold) && threshold >= 0)) {
            throw new IllegalArgumentException("mi.threshold must be a finite number >= 0, found " + threshold);
        }
        if (mode == null) {
            throw new IllegalArgumentException("lr.mode must be one of network, layer, found null");
        }
    }

    /** Settings whose starting learning rate is the default, lrMax. */
    public static MiLrSettings withDefaultStart(double lrMin, double lrMax, double threshold, LrMode mode) {
        return new MiLrSettings(lrMin, lrMax, lrMax, threshold, mode);
    }
}
