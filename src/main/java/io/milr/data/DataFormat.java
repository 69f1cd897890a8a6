package io.milr.data;

import java.util.Locale;

/** The formats milr reads ({@code data.format}): files of its own readers, or Spark SQL sources. */
public enum DataFormat {
    /** MNIST's IDX image and label files, raw or gzipped. */
    IDX,
    /** One example per line: a label column and feature columns. */
    CSV,
    /** One example per line: {@code label index:value ...} with 1-based, ascending feature indices. */
    LIBSVM,
    /** Spark SQL's Parquet files: a label column and a vector, an array or numeric columns. */
    PARQUET,
    /** Spark SQL's ORC files, columns as for Parquet. */
    ORC,
    /** Spark SQL's JSON lines, columns as for Parquet. */
    JSON,
    /** A table of Spark's catalog ({@code data.train=db.table}). */
    TABLE,
    /** Any Spark SQL data source by name ({@code data.spark.format}), e.g. delta or avro. */
    SPARK;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether Spark SQL reads it (into a DataFrame), rather than milr's own file readers. */
    public boolean isSparkSql() {
        return ordinal() >= PARQUET.ordinal();
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
