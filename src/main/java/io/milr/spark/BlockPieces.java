package io.milr.spark;

import io.milr.data.FeatureScaler;
import io.milr.data.LabeledData;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shuffle that turns slices into training blocks. Every example has a position in the seeded
 * {@link ExamplePermutation}; position {@code p} belongs to block {@code p / blockExamples}. A slice's
 * reader cuts its examples into one piece per block they go to; the pieces of a block, gathered by
 * Spark's shuffle, are put back in position order and cut into minibatches. Shuffle files make a lost
 * block cheap to rebuild, and the result does not depend on which task read what, or how often.
 */
final class BlockPieces {
    private BlockPieces() {
    }

    /** Some examples of one block, with their positions in it, raw features and labels. */
    record Piece(long[] positions, float[] features, int[] labels) implements Serializable {
    }

    /** Runs in a task: a slice's examples, grouped by the block each goes to. */
    static Iterator<Tuple2<Integer, Piece>> cut(LabeledData examples, long first, ExamplePermutation order,
                                                 int blockExamples) {
        int width = examples.numFeatures();
        Map<Integer, List<Integer>> byBlock = new TreeMap<>();
        long[] positions = new long[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            positions[i] = order.apply(first + i);
            byBlock.computeIfAbsent((int) (positions[i] / blockExamples), b -> new ArrayList<>()).add(i);
        }
        List<Tuple2<Integer, Piece>> pieces = new ArrayList<>(byBlock.size());
        for (Map.Entry<Integer, List<Integer>> block : byBlock.entrySet()) {
            List<Integer> members = block.getValue();
            long[] piecePositions = new long[members.size()];
            float[] features = new float[members.size() * width];
            int[] labels = new int[members.size()];
            for (int j = 0; j < members.size(); j++) {
                int i = members.get(j);
                piecePositions[j] = positions[i];
                examples.copyFeatures(i, features, j * width);
                labels[j] = examples.label(i);
            }
            pieces.add(new Tuple2<>(block.getKey(), new Piece(piecePositions, features, labels)));
        }
        return pieces.iterator();
    }

    /** Runs in a task: a block's pieces in position order, scaled, as minibatches of {@code batchSize}. */
    static Iterator<DataSet> minibatches(Iterator<Tuple2<Integer, Piece>> pieces, FeatureScaler scaler, int batchSize,
                                         int numClasses) {
        List<Piece> all = new ArrayList<>();
        pieces.forEachRemaining(p -> all.add(p._2()));
        int total = all.stream().mapToInt(p -> p.labels().length).sum();
        long[][] order = new long[total][];
        int at = 0;
        for (int p = 0; p < all.size(); p++) {
            for (int j = 0; j < all.get(p).labels().length; j++) {
                order[at++] = new long[]{all.get(p).positions()[j], p, j};
            }
        }
        Arrays.sort(order, (a, b) -> Long.compare(a[0], b[0]));
        int width = scaler.numFeatures();
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start < total; start += batchSize) {
            int n = Math.min(batchSize, total - start);
            float[] features = new float[n * width];
            float[] oneHot = new float[n * numClasses];
            for (int row = 0; row < n; row++) {
                Piece piece = all.get((int) order[start + row][1]);
                int j = (int) order[start + row][2];
                System.arraycopy(piece.features(), j * width, features, row * width, width);
                scaler.scaleInPlace(features, row * width);
                oneHot[row * numClasses + piece.labels()[j]] = 1f;
            }
            batches.add(new DataSet(Nd4j.create(features, new long[]{n, width}), Nd4j.create(oneHot, new long[]{n, numClasses})));
        }
        return batches.iterator();
    }
}
