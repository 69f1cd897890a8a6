package io.milr.spark;

import io.milr.data.FeatureScaler;
import io.milr.data.LabeledData;
import io.milr.heads.BatchReadout;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained network applied to every example of a data set on the executors: the network broadcast
 * once, each slice of the set read by the task that predicts it (examples never pass through the
 * driver), scaled with the model's own scaling, and run through one network per task in batches.
 * The result keeps each example's position in the set and its label, so predictions can be joined
 * back to their input.
 */
public final class BatchPrediction {
    private BatchPrediction() {
    }

    /** One example's prediction: the class of the highest probability (lowest index on ties) and all K probabilities. */
    public record Predicted(long index, int label, int prediction, float[] probability) implements Serializable {
    }

    /** Predictions of every example of {@code set}, one partition per partition of its source, in the set's order. */
    public static JavaRDD<Predicted> of(JavaSparkContext sc, ExampleSet set, FeatureScaler scaler, MultiLayerNetwork network,
                                        int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        Broadcast<NetworkSnapshot> model = sc.broadcast(new NetworkSnapshot(network));
        return set.positioned(sc).mapPartitions(chunks -> {
            MultiLayerNetwork replica = model.value().restore();
            List<Predicted> predicted = new ArrayList<>();
            while (chunks.hasNext()) {
                Tuple2<Long, LabeledData> chunk = chunks.next();
                predict(replica, chunk._2(), chunk._1(), scaler, batchSize, predicted);
            }
            return predicted.iterator();
        });
    }

    private static void predict(MultiLayerNetwork network, LabeledData examples, long first, FeatureScaler scaler,
                                int batchSize, List<Predicted> into) {
        int numFeatures = examples.numFeatures();
        for (int start = 0; start < examples.size(); start += batchSize) {
            int b = Math.min(batchSize, examples.size() - start);
            float[] features = new float[b * numFeatures];
            for (int row = 0; row < b; row++) {
                examples.copyFeatures(start + row, features, row * numFeatures);
                scaler.scaleInPlace(features, row * numFeatures);
            }
            INDArray output = network.output(Nd4j.create(features, new long[] {b, numFeatures}), false);
            int[] predicted = BatchReadout.argmax(output);
            int k = (int) output.size(1);
            float[] all = output.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int row = 0; row < b; row++) {
                into.add(new Predicted(first + start + row, examples.label(start + row), predicted[row],
                        Arrays.copyOfRange(all, row * k, (row + 1) * k)));
            }
        }
    }
}
