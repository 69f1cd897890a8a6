package io.milr.spark;

import io.milr.eval.ConfusionCounts;
import io.milr.heads.BatchReadout;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The evaluation of a network over an RDD of minibatches (features scaled as for training, labels
 * one-hot): the parameters are broadcast once, each partition restores one network, outputs the class
 * probabilities of its minibatches and adds them to one {@link ConfusionCounts}, and a tree-reduce
 * merges the partials on the driver. Only K x K counts and a log-loss sum travel.
 *
 * <p>As in {@link HistogramPass}, counts come back through the job's result, so a retried task never
 * counts an example twice: the merged counts' n is the data set's size.
 */
public final class EvaluationPass {
    private final HistogramPass pass;
    private final int numClasses;

    public EvaluationPass(JavaSparkContext sc, int numClasses) {
        this.pass = new HistogramPass(sc, numClasses);
        this.numClasses = numClasses;
    }

    /** The merged counts of every example in {@code data}; compute the figures with {@code Evaluation.of}. */
    public ConfusionCounts counts(MultiLayerNetwork network, JavaRDD<DataSet> data) {
        int k = numClasses;
        return pass.fold(network, data, () -> new ConfusionCounts[]{new ConfusionCounts(k)},
                (replica, batch, partial) -> add(replica, batch, partial[0]))[0];
    }

    /** Adds one minibatch's examples, read through {@code network}, to {@code counts}. */
    static void add(MultiLayerNetwork network, DataSet batch, ConfusionCounts counts) {
        int[] labels = BatchReadout.labels(batch);
        int k = counts.numClasses();
        if (batch.getLabels().size(1) != k) {
            throw new IllegalArgumentException("the minibatch's labels have " + batch.getLabels().size(1)
                    + " classes; expected " + k);
        }
        // One bulk copy of the (float) probabilities: exact in double, so the arg-max is the network's.
        double[] output = network.output(batch.getFeatures(), false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (output.length != (long) labels.length * k) {
            throw new IllegalArgumentException("the network outputs " + output.length / Math.max(1, labels.length)
                    + " values per example; expected " + k + " class probabilities");
        }
        double[] probabilities = new double[k];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(output, i * k, probabilities, 0, k);
            counts.add(labels[i], probabilities);
        }
    }
}
