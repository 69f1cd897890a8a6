package io.milr.mi;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How entropies are estimated from a table of counts (METHOD.md section 2). */
public enum MiEstimator {
    /** Maximum-likelihood (plug-in) entropies. */
    PLUGIN("plugin"),
    /** Plug-in entropies plus the Miller-Madow bias correction (m - 1) / (2N). */
    MILLER_MADOW("miller-madow");

    private final String configName;

    MiEstimator(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files and metrics. */
    public String configName() {
        return configName;
    }

    public static MiEstimator fromConfigName(String name) {
        for (MiEstimator estimator : values()) {
            if (estimator.configName.equals(name)) {
                return estimator;
            }
        }
        String valid = Arrays.stream(values()).map(MiEstimator::configName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown MI estimator '" + name + "': expected one of " + valid);
    }
}
