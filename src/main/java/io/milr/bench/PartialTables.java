package io.milr.bench;

import io.milr.heads.Head;
import io.milr.heads.HeadLayout;
import io.milr.mi.ClassCentroids;
import io.milr.mi.JointHistogram;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import scala.reflect.ClassTag$;

import java.util.List;

/**
 * The payload of one MI measurement, without Spark's envelope: the serialized size (Spark's own
 * serializer) of the partial results each partition sends, times the partitions. The partials are
 * those {@code HistogramPass} folds: one K x K table per head, and in layer mode first one K x d
 * class-sum matrix per hidden head (d: the layer's width). Their size depends on K, d and the heads,
 * never on the number of examples.
 */
final class PartialTables {
    private PartialTables() {
    }

    /** Bytes of partials one measurement reduces; call while Spark runs (its serializer is needed). */
    static long bytesPerMeasurement(MultiLayerNetwork network, HeadLayout layout, int numClasses, int partitions) {
        SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
        List<Head> hidden = layout.hiddenHeads();
        long bytes = size(serializer, new JointHistogram[] {new JointHistogram(numClasses)});
        if (!hidden.isEmpty()) {
            ClassCentroids[] sums = new ClassCentroids[hidden.size()];
            JointHistogram[] tables = new JointHistogram[hidden.size()];
            for (int h = 0; h < sums.length; h++) {
                int width = (int) ((FeedForwardLayer) network.getLayerWiseConfigurations()
                        .getConf(hidden.get(h).layer()).getLayer()).getNOut();
                sums[h] = new ClassCentroids(numClasses, width);
                tables[h] = new JointHistogram(numClasses);
            }
            bytes += size(serializer, sums) + size(serializer, tables);
        }
        return bytes * partitions;
    }

    private static long size(SerializerInstance serializer, Object partial) {
        return serializer.serialize(partial, ClassTag$.MODULE$.apply(Object.class)).remaining();
    }
}
