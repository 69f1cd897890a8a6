package io.milr.data;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a Spark SQL table holds its examples ({@code data.*} keys of the Spark SQL formats): the source
 * (a format name and its options, or a catalog table), the label column, and the features as one
 * vector or array column or as numeric columns; what to do with nulls; and the share of the training
 * table split off as the test set when there is no test table.
 *
 * @param sourceFormat  Spark's name of the data source ({@code parquet}, {@code delta}, ...); null for a catalog table
 * @param options       the data source's options ({@code data.spark.option.KEY=VALUE})
 * @param featureCols   numeric feature columns, globs allowed; empty means {@code featuresCol}
 * @param testFraction  share of the training rows split off as the test set (seeded); 0 means data.test is read
 */
public record TableColumns(String sourceFormat, Map<String, String> options, String labelCol, String featuresCol,
                           List<String> featureCols, LabelIndexing labelIndexing, boolean skipNulls,
                           double testFraction) implements Serializable {

    public TableColumns {
        options = Map.copyOf(options);
        featureCols = List.copyOf(featureCols);
    }

    /** These settings with the features read from {@code columns} instead. */
    public TableColumns withFeatureCols(List<String> columns) {
        return new TableColumns(sourceFormat, options, labelCol, featuresCol, columns, labelIndexing, skipNulls,
                testFraction);
    }

    public boolean isCatalogTable() {
        return sourceFormat == null;
    }

    /** How string labels become class indices ({@code data.labelIndexing}), as MLlib's StringIndexer orders them. */
    public enum LabelIndexing {
        /** Most frequent label first, ties in alphabetical order (StringIndexer's frequencyDesc). */
        FREQUENCY,
        /** Alphabetical (StringIndexer's alphabetAsc). */
        ALPHABET;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static LabelIndexing fromConfigName(String name) {
            for (LabelIndexing indexing : values()) {
                if (indexing.configName().equals(name)) {
                    return indexing;
                }
            }
            throw new IllegalArgumentException("unknown label indexing '" + name + "'");
        }
    }
}
