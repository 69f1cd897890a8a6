package io.milr.spark;

import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Sums each worker's minibatch losses into Spark accumulators, so that the driver can report the
 * epoch's mean training loss. (A retried task may add its losses twice: acceptable for a reported
 * mean, which is why the histograms do not use this route.)
 */
final class LossHook implements TrainingHook {
    private final DoubleAccumulator lossSum;
    private final LongAccumulator minibatches;

    LossHook(DoubleAccumulator lossSum, LongAccumulator minibatches) {
        this.lossSum = lossSum;
        this.minibatches = minibatches;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        lossSum.add(model.score());
        minibatches.add(1);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        lossSum.add(model.score());
        minibatches.add(1);
    }

    static LossHook register(org.apache.spark.api.java.JavaSparkContext sc) {
        return new LossHook(sc.sc().doubleAccumulator("milr.lossSum"), sc.sc().longAccumulator("milr.minibatches"));
    }

    /** Mean loss since the last call, then starts over. NaN when no minibatch ran. */
    double takeMean() {
        double mean = minibatches.value() == 0 ? Double.NaN : lossSum.value() / minibatches.value();
        lossSum.reset();
        minibatches.reset();
        return mean;
    }
}
