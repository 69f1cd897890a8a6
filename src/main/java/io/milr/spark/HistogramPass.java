package io.milr.spark;

import io.milr.heads.BatchReadout;
import io.milr.heads.Head;
import io.milr.mi.ClassCentroids;
import io.milr.mi.JointHistogram;
import io.milr.mi.Mergeable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One measurement over an RDD of minibatches: the driver broadcasts the weights, each partition
 * folds its examples into small partial results, and a tree-reduce merges them. Only the partials
 * (K x K counts per head, or K x d sums per hidden head) travel; examples never leave the executors.
 *
 * <p>Counts come back through the job's result, not through accumulators: Spark uses exactly one
 * successful attempt of each partition, so a retried task never counts an example twice.
 */
public final class HistogramPass {
    private static final int TREE_DEPTH = 2;
    private static final int CHUNK_EXAMPLES = 1024;

    private final JavaSparkContext sc;
    private final int numClasses;

    public HistogramPass(JavaSparkContext sc, int numClasses) {
        this.sc = sc;
        this.numClasses = numClasses;
    }

    /** Per-class activation sums of each hidden head: the first of layer mode's two probe passes. */
    public ClassCentroids[] classSums(MultiLayerNetwork network, JavaRDD<DataSet> data, List<Head> hiddenHeads,
                                      int[] dimensions) {
        int k = numClasses;
        return fold(network, data, () -> {
            ClassCentroids[] partial = new ClassCentroids[hiddenHeads.size()];
            for (int h = 0; h < partial.length; h++) {
                partial[h] = new ClassCentroids(k, dimensions[h]);
            }
            return partial;
        }, (replica, batch, partial) -> BatchReadout.sumByClass(replica, batch, hiddenHeads, partial));
    }

    /** One joint table per head; {@code centroids[h]} is used by hidden head h and ignored for the output head. */
    public JointHistogram[] tables(MultiLayerNetwork network, JavaRDD<DataSet> data, List<Head> heads,
                                   ClassCentroids[] centroids) {
        int k = numClasses;
        return fold(network, data, () -> {
            JointHistogram[] partial = new JointHistogram[heads.size()];
            for (int h = 0; h < partial.length; h++) {
                partial[h] = new JointHistogram(k);
            }
            return partial;
        }, (replica, batch, partial) -> BatchReadout.count(replica, batch, heads, centroids, partial));
    }

    /** A fresh, empty partial result (one accumulator per head). */
    interface EmptyPartial<A> extends Serializable {
        A create();
    }

    /** Adds one chunk of examples, read through a task's replica of the network, into a partial result. */
    interface BatchFolder<A> extends Serializable {
        void add(MultiLayerNetwork replica, DataSet batch, A partial);
    }

    /**
     * The shape of every measurement: broadcast the weights, fold each partition into one partial
     * per head on its executor, and merge the partials head by head in a tree-reduce. Also the shape
     * of {@link EvaluationPass}.
     */
    <A extends Mergeable<A>> A[] fold(MultiLayerNetwork network, JavaRDD<DataSet> data,
                                              EmptyPartial<A[]> empty, BatchFolder<A[]> add) {
        Broadcast<NetworkSnapshot> weights = sc.broadcast(new NetworkSnapshot(network));
        try {
            return data.mapPartitions((Iterator<DataSet> batches) -> {
                MultiLayerNetwork replica = weights.value().restore();
                A[] partial = empty.create();
                chunks(batches).forEachRemaining(batch -> add.add(replica, batch, partial));
                return java.util.Collections.singletonList(partial).iterator();
            }).treeReduce((a, b) -> mergeEach(a, b), TREE_DEPTH);
        } finally {
            weights.destroy();
        }
    }

    /**
     * Regroups training-sized minibatches into chunks of about {@value #CHUNK_EXAMPLES} examples: a
     * forward pass has a fixed cost per call in DL4J that dominates at 64 examples.
     */
    static Iterator<DataSet> chunks(Iterator<DataSet> batches) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                List<DataSet> chunk = new ArrayList<>();
                long examples = 0;
                while (batches.hasNext() && examples < CHUNK_EXAMPLES) {
                    DataSet batch = batches.next();
                    chunk.add(batch);
                    examples += batch.numExamples();
                }
                return chunk.size() == 1 ? chunk.get(0) : DataSet.merge(chunk);
            }
        };
    }

    private static <A extends Mergeable<A>> A[] mergeEach(A[] a, A[] b) {
        for (int h = 0; h < a.length; h++) {
            a[h].merge(b[h]);
        }
        return a;
    }
}
