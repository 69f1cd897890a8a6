package io.milr.predict;

import io.milr.config.ConfigException;

import java.util.Locale;

/** How predict writes its table: Parquet (probabilities an array or an MLlib Vector) or CSV (one column per class). */
public enum PredictionFormat {
    PARQUET_ARRAY, PARQUET_VECTOR, CSV;

    /**
     * @param format      {@code parquet} or {@code csv}
     * @param probability {@code array} or {@code vector} (Parquet only: CSV has no nested columns)
     */
    public static PredictionFormat of(String format, String probability) {
        String f = format.toLowerCase(Locale.ROOT);
        String p = probability.toLowerCase(Locale.ROOT);
        if (!p.equals("array") && !p.equals("vector")) {
            throw new ConfigException("--probability " + probability + ": expected array or vector");
        }
        return switch (f) {
            case "parquet" -> p.equals("array") ? PARQUET_ARRAY : PARQUET_VECTOR;
            case "csv" -> {
                if (p.equals("vector")) {
                    throw new ConfigException("--probability vector: CSV has no vector columns; CSV gets one column per"
                            + " class (probability_0, probability_1, ...), or use --format parquet");
                }
                yield CSV;
            }
            default -> throw new ConfigException("--format " + format + ": expected parquet or csv");
        };
    }
}
