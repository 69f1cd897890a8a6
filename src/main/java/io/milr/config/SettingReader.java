package io.milr.config;

import java.util.Arrays;
import java.util.function.Function;

/** Parses single settings, turning every failure into a message that names the key and its origin. */
final class SettingReader {
    private final ConfigSources sources;

    SettingReader(ConfigSources sources) {
        this.sources = sources;
    }

    String raw(String key) {
        return sources.value(key).trim();
    }

    boolean differsFromDefault(String key) {
        return !raw(key).equals(ConfigKeys.defaults().get(key));
    }

    /** A key that makes no sense with the value of another: names both, and where each came from. */
    ConfigException conflict(String key, String otherKey, String problem) {
        return new ConfigException("Configuration key '" + key + "' (from " + sources.origin(key) + ") = '" + raw(key)
                + "' " + problem + " ('" + otherKey + "' = '" + raw(otherKey) + "', from " + sources.origin(otherKey)
                + ").");
    }

    <T> T parse(String key, String expected, Function<String, T> parser) {
        String value = raw(key);
        try {
            return parser.apply(value);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(key, value, expected + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""));
        }
    }

    String nonEmpty(String key) {
        String value = raw(key);
        if (value.isEmpty()) {
            throw fail(key, value, "a value");
        }
        return value;
    }

    double positiveDouble(String key) {
        double v = parse(key, "a number > 0", Double::parseDouble);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw fail(key, raw(key), "a finite number > 0");
        }
        return v;
    }

    double nonNegativeDouble(String key) {
        double v = parse(key, "a number >= 0", Double::parseDouble);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw fail(key, raw(key), "a finite number >= 0");
        }
        return v;
    }

    int positiveInt(String key) {
        int v = parse(key, "a whole number >= 1", Integer::parseInt);
        if (v < 1) {
            throw fail(key, raw(key), "a whole number >= 1");
        }
        return v;
    }

    int nonNegativeInt(String key) {
        int v = parse(key, "a whole number >= 0", Integer::parseInt);
        if (v < 0) {
            throw fail(key, raw(key), "a whole number >= 0");
        }
        return v;
    }

    long anyLong(String key) {
        return parse(key, "a whole number", Long::parseLong);
    }

    int[] intList(String key) {
        int[] values = parse(key, "comma-separated whole numbers >= 1, e.g. 500,300",
                v -> Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
        if (Arrays.stream(values).anyMatch(v -> v < 1)) {
            throw fail(key, raw(key), "comma-separated whole numbers >= 1, e.g. 500,300");
        }
        return values;
    }

    private ConfigException fail(String key, String value, String expected) {
        return new ConfigException("Configuration key '" + key + "' (from " + sources.origin(key) + "): found '"
                + value + "', expected " + expected + ".");
    }
}
