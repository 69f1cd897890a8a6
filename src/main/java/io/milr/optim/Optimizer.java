package io.milr.optim;

import java.util.Arrays;
import java.util.Locale;

/** The optimisers a run (and {@code compare}) can use, by their configuration names. */
public enum Optimizer {
    MI_LR("mi-lr", Double.NaN),
    SGD("sgd", 0.1),
    SGD_STEP("sgd-step", 0.2),
    ADAM("adam", 0.001),
    RMSPROP("rmsprop", 0.001),
    LARS("lars", 1.0);

    private final String configName;
    private final double defaultLr;

    Optimizer(String configName, double defaultLr) {
        this.configName = configName;
        this.defaultLr = defaultLr;
    }

    public String configName() {
        return configName;
    }

    /** The LR used when {@code opt.lr} is empty (mi-lr takes its LRs from lr.min/lr.max/lr.start). */
    public double defaultLr() {
        return defaultLr;
    }

    public static Optimizer fromConfigName(String name) {
        return Arrays.stream(values()).filter(o -> o.configName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("optimizer must be one of "
                        + Arrays.stream(values()).map(Optimizer::configName).toList() + ", found '" + name + "'"));
    }
}
