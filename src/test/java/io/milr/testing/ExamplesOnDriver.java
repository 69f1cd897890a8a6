package io.milr.testing;

import io.milr.data.ExampleSlice;
import io.milr.data.FloatList;
import io.milr.data.IntList;
import io.milr.data.LabeledData;
import io.milr.data.LabeledVectors;
import io.milr.spark.ExampleSet;
import org.apache.hadoop.conf.Configuration;
import scala.Tuple2;

import java.util.List;

/** A data set's used examples brought to the driver, in order: for tests that compare what formats read. */
public final class ExamplesOnDriver {
    private ExamplesOnDriver() {
    }

    public static LabeledVectors of(ExampleSet set) {
        List<Tuple2<Long, LabeledData>> chunks = set.positioned(LocalSpark.context()).collect();
        return concatenated(chunks.stream().map(Tuple2::_2).toList(), set.numFeatures());
    }

    /** Slices read here, one after the other. */
    public static LabeledVectors ofSlices(List<? extends ExampleSlice> slices, Configuration conf, int numFeatures) {
        return concatenated(slices.stream().map(s -> s.read(conf)).toList(), numFeatures);
    }

    private static LabeledVectors concatenated(List<LabeledData> chunks, int numFeatures) {
        FloatList features = new FloatList();
        IntList labels = new IntList();
        float[] row = new float[numFeatures];
        for (LabeledData chunk : chunks) {
            for (int i = 0; i < chunk.size(); i++) {
                chunk.copyFeatures(i, row, 0);
                for (float v : row) {
                    features.add(v);
                }
                labels.add(chunk.label(i));
            }
        }
        return new LabeledVectors(numFeatures, features.toArray(), labels.toArray());
    }
}
