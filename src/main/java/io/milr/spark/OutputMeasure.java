package io.milr.spark;

import java.util.Locale;

/**
 * Which examples the output head's table counts after each epoch (METHOD.md sections 1 and 5).
 * Whatever the form, every counted example is counted once, and the table's total says how many.
 */
public enum OutputMeasure {
    /** A separate forward pass over the whole training set (METHOD's default; costs one forward pass). */
    FULL,
    /** A separate forward pass over the fixed probe sample ({@code mi.probeSize} examples). */
    SAMPLE,
    /**
     * Counted during the epoch's own training forward passes: free, and describes the predictions the
     * network made while it learned, as a training accuracy does. Epoch 0 (before training) uses a full pass.
     */
    FUSED;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputMeasure fromConfigName(String name) {
        for (OutputMeasure measure : values()) {
            if (measure.configName().equals(name)) {
                return measure;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + name + "'");
    }
}
