package io.milr.bench;

import io.milr.config.ConfigException;
import io.milr.config.ConfigKeys;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The systems the bench times, each in a child process of its own. */
public enum BenchSystem {
    DL4J("dl4j-1jvm", "DL4J single JVM: MultiLayerNetwork.fit on the same minibatches, OMP_NUM_THREADS=1"),
    MILR_NETWORK("milr-network", "milr train in Spark local mode, MI-LR whole-network mode"),
    MILR_LAYER("milr-layer", "milr train in Spark local mode, MI-LR layer-wise mode"),
    MILR_NETWORK_FUSED("milr-network-fused", "as milr-network with mi.measure=fused (output head counted during training)"),
    MILR_LAYER_FUSED("milr-layer-fused", "as milr-layer with mi.measure=fused (output head counted during training)"),
    PYTORCH("pytorch", "PyTorch on the CPU (Debian python3-torch), same network, data, minibatches and SGD");

    private final String configName;
    private final String description;

    BenchSystem(String configName, String description) {
        this.configName = configName;
        this.description = description;
    }

    /** For the milr systems: the {@code lr.mode} and {@code mi.measure} they train with. */
    List<String> milrSettings() {
        String mode = this == MILR_LAYER || this == MILR_LAYER_FUSED ? "layer" : "network";
        String measure = this == MILR_NETWORK_FUSED || this == MILR_LAYER_FUSED ? "fused" : "full";
        return List.of(ConfigKeys.LR_MODE + "=" + mode, ConfigKeys.MI_MEASURE + "=" + measure);
    }

    public String configName() {
        return configName;
    }

    public String description() {
        return description;
    }

    public static BenchSystem fromConfigName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigException("--systems: unknown system '" + name + "'; expected "
                        + Arrays.stream(values()).map(BenchSystem::configName).collect(Collectors.joining(", "))));
    }
}
