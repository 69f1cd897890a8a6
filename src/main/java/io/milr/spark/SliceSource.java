package io.milr.spark;

import io.milr.data.ExampleSlice;
import io.milr.data.LabeledData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;

import java.util.List;

/** A data set of {@link ExampleSlice}s (IDX ranges, text files): one partition per slice, one chunk each. */
public record SliceSource(String description, List<ExampleSlice> slices) implements ExampleSource {

    public SliceSource {
        slices = List.copyOf(slices);
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a data set has at least one slice");
        }
    }

    @Override
    public String partitionName(int p) {
        return slices.get(p).describe();
    }

    @Override
    public JavaRDD<LabeledData> read(JavaSparkContext sc) {
        SerializableConfiguration conf = new SerializableConfiguration(sc.hadoopConfiguration());
        return sc.parallelize(slices, slices.size()).map(slice -> slice.read(conf.value()));
    }
}
