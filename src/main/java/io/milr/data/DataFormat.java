package io.milr.data;

import java.util.Locale;

/** The file formats milr reads ({@code data.format}). */
public enum DataFormat {
    /** MNIST's IDX image and label files, raw or gzipped. */
    IDX,
    /** One example per line: a label column and feature columns. */
    CSV,
    /** One example per line: {@code label index:value ...} with 1-based, ascending feature indices. */
    LIBSVM;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataFormat fromConfigName(String name) {
        for (DataFormat format : values()) {
            if (format.configName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'");
    }
}
