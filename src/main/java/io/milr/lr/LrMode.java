package io.milr.lr;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which head sets each layer's learning rate (METHOD.md section 3). */
public enum LrMode {
    /** Every layer follows the output head: one learning rate for the whole network. */
    NETWORK("network"),
    /** Each layer follows its own hidden head, or the next head above it. */
    LAYER("layer");

    private final String configName;

    LrMode(String configName) {
        this.configName = configName;
    }

    /** The value of {@code lr.mode} in configuration files. */
    public String configName() {
        return configName;
    }

    public static LrMode fromConfigName(String name) {
        for (LrMode mode : values()) {
            if (mode.configName.equals(name)) {
                return mode;
            }
        }
        String valid = Arrays.stream(values()).map(LrMode::configName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("lr.mode must be one of " + valid + ", found '" + name + "'");
    }
}
