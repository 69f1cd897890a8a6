package io.milr.sql;

import io.milr.data.LabeledData;
import io.milr.spark.ExampleSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table's rows as examples: the DataFrame, its needed columns selected (Parquet and ORC then read
 * only those), converted by the executors partition by partition, never collected.
 *
 * @param selected the table as {@code label, features..., file} ({@link Tables#select})
 */
public record TableSource(String description, Dataset<Row> selected, RowConverter converter) implements ExampleSource {

    @Override
    public JavaRDD<LabeledData> read(JavaSparkContext sc) {
        RowConverter rows = converter;
        return selected.javaRDD().mapPartitionsWithIndex(rows::chunks, true);
    }
}
