package io.milr.heads;

import io.milr.mi.ClassCentroids;
import io.milr.mi.JointHistogram;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/**
 * What each head predicts for one minibatch, and the counting of those predictions. The matrix work
 * runs in ND4J; the arg-max and arg-min scans run in Java so that ties resolve to the lowest class
 * index, as METHOD.md requires.
 */
public final class BatchReadout {
    private BatchReadout() {
    }

    /** Adds every example of the batch to the table of each head. */
    public static void count(MultiLayerNetwork network, DataSet batch, List<Head> heads,
                             ClassCentroids[] centroids, JointHistogram[] tables) {
        int[] labels = labels(batch);
        List<INDArray> activations = activations(network, batch, heads);
        try {
            for (int h = 0; h < heads.size(); h++) {
                Head head = heads.get(h);
                INDArray activation = activations.get(head.layer() + 1);
                int[] predicted = head.output() ? argmax(activation) : nearest(pooled(activation), centroids[h]);
                for (int i = 0; i < labels.length; i++) {
                    tables[h].add(predicted[i], labels[i]);
                }
            }
        } finally {
            release(activations);
        }
    }

    /** Adds the batch's per-class activation sums and counts of each hidden head. */
    public static void sumByClass(MultiLayerNetwork network, DataSet batch, List<Head> hiddenHeads,
                                  ClassCentroids[] sums) {
        int[] labels = labels(batch);
        int numClasses = (int) batch.getLabels().size(1);
        INDArray oneHot = batch.getLabels().castTo(DataType.FLOAT);
        long[] counts = new long[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        List<INDArray> activations = activations(network, batch, hiddenHeads);
        try {
            for (int h = 0; h < hiddenHeads.size(); h++) {
                INDArray activation = pooled(activations.get(hiddenHeads.get(h).layer() + 1));
                INDArray classSums = oneHot.transpose().mmul(activation.castTo(oneHot.dataType()));
                sums[h].addSums(classSums.toDoubleMatrix(), counts);
            }
        } finally {
            release(activations);
        }
    }

    /**
     * Frees every layer's activations at once (the first entry is the batch's own input, which stays),
     * and lets the garbage collector free the rest once the process holds more than half of what
     * JavaCPP allows it. A forward pass outside DL4J's workspaces leaves its arrays to the collector,
     * and their Java handles are too small to make it run: a convolutional network's measurement pass
     * (tens of MB of activations per layer for a 1,024-example chunk) grew a 6 GB-heap process past
     * 24 GB resident until the kernel killed it; with this it peaked at 12.4 GB and finished, with the
     * same tables. Networks whose passes stay below the bound (the MLPs) never pay for a collection.
     */
    private static void release(List<INDArray> activations) {
        for (int layer = 1; layer < activations.size(); layer++) {
            INDArray activation = activations.get(layer);
            if (activation.closeable()) {
                activation.close();
            }
        }
        if (Pointer.physicalBytes() > Pointer.maxPhysicalBytes() / 2) {
            System.gc();
        }
    }

    private static List<INDArray> activations(MultiLayerNetwork network, DataSet batch, List<Head> heads) {
        int deepest = heads.stream().mapToInt(Head::layer).max().orElseThrow();
        return network.feedForwardToLayer(deepest, batch.getFeatures(), false);
    }

    /** Class index of each example's one-hot label row. */
    public static int[] labels(DataSet batch) {
        return argmax(batch.getLabels());
    }

    /** Row-wise arg-max; ties go to the lowest index. */
    public static int[] argmax(INDArray matrix) {
        int rows = (int) matrix.size(0);
        int cols = (int) matrix.size(1);
        // One bulk copy: INDArray.toFloatMatrix() costs milliseconds per call, more than the forward pass.
        float[] values = matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] result = new int[rows];
        for (int i = 0; i < rows; i++) {
            int offset = i * cols;
            int best = 0;
            for (int k = 1; k < cols; k++) {
                if (values[offset + k] > values[offset + best]) {
                    best = k;
                }
            }
            result[i] = best;
        }
        return result;
    }

    /** Convolutional activations are averaged over their spatial positions: one value per channel. */
    static INDArray pooled(INDArray activation) {
        return activation.rank() == 4 ? activation.mean(2, 3) : activation;
    }

    /**
     * Nearest present centroid by squared Euclidean distance. ||a||^2 is the same for every class,
     * so comparing ||c||^2 - 2 a.c ranks the classes exactly as the full distance does.
     */
    static int[] nearest(INDArray activation, ClassCentroids centroids) {
        boolean[] present = centroids.present();
        double[][] means = centroids.centroids();
        double[] squaredNorms = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            if (!present[k]) {
                means[k] = new double[centroids.dimension()];
            }
            for (double v : means[k]) {
                squaredNorms[k] += v * v;
            }
        }
        INDArray meanMatrix = org.nd4j.linalg.factory.Nd4j.create(means);
        double[][] dots = activation.castTo(meanMatrix.dataType()).mmul(meanMatrix.transpose()).toDoubleMatrix();
        int[] result = new int[dots.length];
        for (int i = 0; i < dots.length; i++) {
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int k = 0; k < means.length; k++) {
                double score = squaredNorms[k] - 2 * dots[i][k];
                if (present[k] && score < bestScore) {
                    best = k;
                    bestScore = score;
                }
            }
            result[i] = best;
        }
        return result;
    }
}
