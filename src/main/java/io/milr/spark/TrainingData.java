package io.milr.spark;

import org.apache.spark.api.java.JavaRDD;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The RDDs of minibatches a run uses: the training set, the fixed probe sample for hidden heads (a
 * subset of the training set; may be null when no hidden head is measured) and the test set.
 */
public record TrainingData(JavaRDD<DataSet> train, JavaRDD<DataSet> probe, JavaRDD<DataSet> test, int numClasses) {
}
