package io.milr.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The raw key/value pairs of a job, layered: defaults, then a {@code .properties} file, then
 * {@code --set} overrides. Each value remembers where it came from, so that errors can say so.
 */
public final class ConfigSources {
    private final Map<String, String> values = ConfigKeys.defaults();
    private final Map<String, String> origins = new LinkedHashMap<>();

    public static ConfigSources of(Path confFile, List<String> overrides) {
        ConfigSources sources = new ConfigSources();
        if (confFile != null) {
            sources.addFile(confFile);
        }
        for (String assignment : overrides) {
            sources.addOverride(assignment);
        }
        return sources;
    }

    /**
     * Values saved by an earlier run (e.g. a checkpoint's copy of its effective configuration), each
     * remembered as coming from {@code origin}; keys it lacks keep their defaults.
     */
    public static ConfigSources saved(Map<String, String> values, String origin) {
        ConfigSources sources = new ConfigSources();
        values.forEach((key, value) -> sources.put(key, value.trim(), origin));
        return sources;
    }

    public void addFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--conf " + file + ": no such file (expected a .properties job configuration, e.g. conf/mnist-mlp.properties)");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--conf " + file + ": cannot be read as a .properties file: " + e.getMessage(), e);
        }
        for (String key : properties.stringPropertyNames()) {
            put(key, properties.getProperty(key).trim(), file.toString());
        }
    }

    public void addOverride(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + assignment + ": expected key=value, e.g. --set lr.mode=layer");
        }
        put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), "--set");
    }

    private void put(String key, String value, String origin) {
        if (!ConfigKeys.isKnown(key)) {
            String suggestion = ConfigKeys.closest(key);
            throw new ConfigException("Unknown configuration key '" + key + "' (from " + origin + ")."
                    + (suggestion != null ? " Did you mean '" + suggestion + "'?" : "")
                    + " Run 'milr keys' for the list of keys.");
        }
        values.put(key, value);
        origins.put(key, origin);
    }

    public String value(String key) {
        return values.get(key);
    }

    /** Where a key's value came from: a file name, "--set", or "default". */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** Every key with its effective value, in the documented order. */
    public Map<String, String> values() {
        return new LinkedHashMap<>(values);
    }
}
