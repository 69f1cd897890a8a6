package io.milr.spark;

import io.milr.data.LabeledData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where a data set's examples come from, as the executors read them: files cut into slices, or the
 * rows of a Spark SQL table. Partition {@code p} yields its examples in chunks, in the same order
 * every time it is computed; the data set's order is partition 0's examples, then partition 1's, and
 * so on. How formats become examples is the sources' business; training only sees chunks.
 */
public interface ExampleSource {

    /** What the data set is called in messages, e.g. {@code data.train = hdfs://nn/mnist/train}. */
    String description();

    /**
     * The examples, read on the executors. A partition's reader throws
     * {@link io.milr.data.DataFormatException} on bad data; chunks may be empty.
     */
    JavaRDD<LabeledData> read(JavaSparkContext sc);

    /** Partition {@code p} in messages: its file, or its number. */
    default String partitionName(int p) {
        return description() + " partition " + p;
    }
}
