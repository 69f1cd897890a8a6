package io.milr.eval;

import io.milr.data.FeatureScaling;
import io.milr.data.LabeledImages;
import io.milr.data.Minibatches;
import io.milr.heads.BatchReadout;
import io.milr.model.ModelSpec;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.mllib.linalg.Matrix;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple4;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every figure MLlib also computes, against Spark MLlib's own {@code MulticlassMetrics} on the same
 * (prediction, label, weight 1, probability) rows: on a briefly trained network's predictions over a
 * real MNIST test slice, and on constructed pairs with a class never predicted and one never true.
 */
class EvaluationMllibTest {
    private static final int K = 10;
    private static List<Tuple4<Double, Double, Double, double[]>> mnistRows;

    @BeforeAll
    static void predictMnist() {
        LabeledImages train = Mnist.train(1_000);
        var scaler = FeatureScaling.unit(255).fit(train);
        MultiLayerNetwork network = ModelSpec.of("mlp", new int[]{16}, "relu").build(28, 28, K, 5, 0.05);
        // A few iterations only: right often, but far from a diagonal confusion matrix.
        Minibatches.of(train, scaler, 50, K, 3).subList(0, 6).forEach(network::fit);
        LabeledImages test = Mnist.test(2_000);
        mnistRows = new ArrayList<>();
        for (DataSet batch : Minibatches.of(test, scaler, 250, K, -1)) {
            int[] labels = BatchReadout.labels(batch);
            double[][] probabilities = network.output(batch.getFeatures(), false).castTo(DataType.DOUBLE).toDoubleMatrix();
            // The prediction handed to MLlib comes from the project's arg-max, not from ConfusionCounts.
            int[] predictions = BatchReadout.argmax(network.output(batch.getFeatures(), false));
            for (int i = 0; i < labels.length; i++) {
                mnistRows.add(new Tuple4<>((double) predictions[i], (double) labels[i], 1.0, probabilities[i]));
            }
        }
    }

    private static ConfusionCounts counts(int k, List<Tuple4<Double, Double, Double, double[]>> rows) {
        ConfusionCounts counts = new ConfusionCounts(k);
        for (Tuple4<Double, Double, Double, double[]> row : rows) {
            counts.add(row._2().intValue(), row._4());
        }
        return counts;
    }

    private static MulticlassMetrics mllib(List<Tuple4<Double, Double, Double, double[]>> rows) {
        return new MulticlassMetrics(LocalSpark.context().parallelize(rows, 3).rdd());
    }

    @Test
    void mnistPredictionsAgreeWithMllib() {
        Evaluation e = Evaluation.of(counts(K, mnistRows));
        // The check is only worth something if the network is neither perfect nor constant.
        long offDiagonal = e.n() - Math.round(e.accuracy() * e.n());
        long predictedClasses = e.classes().stream().filter(c -> c.predicted() > 0).count();
        assertTrue(offDiagonal > 100, "off-diagonal examples: " + offDiagonal);
        assertTrue(predictedClasses >= 4, "classes predicted: " + predictedClasses);
        assertEquals(2_000, e.n());
        assertAgree(e, mllib(mnistRows));
    }

    @Test
    void constructedPairsWithAClassNeverPredictedAndOneNeverTrueAgreeWithMllib() {
        EvaluationTest.Pairs pairs = EvaluationTest.pairs(21, 6, 3_000, 0.55, 1, 5);
        List<Tuple4<Double, Double, Double, double[]>> rows = new ArrayList<>();
        for (int i = 0; i < pairs.labels().length; i++) {
            rows.add(new Tuple4<>((double) pairs.predictions()[i], (double) pairs.labels()[i], 1.0,
                    pairs.probabilities()[i]));
        }
        // Probabilities 0 and 1 of the true class: both are clipped for the log loss.
        rows.add(new Tuple4<>(0.0, 0.0, 1.0, new double[]{1, 0, 0, 0, 0, 0}));
        rows.add(new Tuple4<>(2.0, 3.0, 1.0, new double[]{0, 0, 1, 0, 0, 0}));
        Evaluation e = Evaluation.of(counts(6, rows));
        assertEquals(0, e.classes().get(1).predicted());
        assertEquals(0, e.classes().get(5).support());
        MulticlassMetrics mllib = mllib(rows);
        assertAgree(e, mllib);
        // Where milr goes further than MLlib: MLlib knows only the true labels, so class 5 (predicted,
        // never true) has no figures there and is no row or column of its confusion matrix.
        assertThrows(NoSuchElementException.class, () -> mllib.precision(5.0));
        assertEquals(0.0, e.classes().get(5).precision());
    }

    /** Compares every figure MLlib has; MLlib's labels are the classes that occur as true labels. */
    private static void assertAgree(Evaluation e, MulticlassMetrics mllib) {
        double[] mllibLabels = mllib.labels();
        double[] present = e.classes().stream().filter(c -> c.support() > 0).mapToDouble(ClassMetrics::label).toArray();
        assertArrayEquals(present, mllibLabels, "MLlib's labels are the classes with examples");

        // Ratios of the same integer counts: the same doubles, bit for bit.
        assertEquals(mllib.accuracy(), e.accuracy(), 0.0, "accuracy");
        for (double label : mllibLabels) {
            ClassMetrics c = e.classes().get((int) label);
            assertEquals(mllib.precision(label), c.precision(), 0.0, "precision of " + label);
            assertEquals(mllib.recall(label), c.recall(), 0.0, "recall of " + label);
            assertEquals(mllib.fMeasure(label), c.f1(), 0.0, "F1 of " + label);
        }
        // Sums over classes: MLlib adds them in hash-map order, milr in class order.
        assertEquals(mllib.weightedPrecision(), e.weightedPrecision(), 1e-14, "weighted precision");
        assertEquals(mllib.weightedRecall(), e.weightedRecall(), 1e-14, "weighted recall");
        assertEquals(mllib.weightedFMeasure(), e.weightedF1(), 1e-14, "weighted F1");
        assertEquals(mllib.logLoss(1e-15), e.logLoss(), 1e-12 * e.logLoss(), "log loss");

        Matrix matrix = mllib.confusionMatrix();
        long[][] confusion = e.confusion();
        assertEquals(mllibLabels.length, matrix.numRows());
        for (int i = 0; i < mllibLabels.length; i++) {
            for (int j = 0; j < mllibLabels.length; j++) {
                assertEquals(matrix.apply(i, j), confusion[(int) mllibLabels[i]][(int) mllibLabels[j]], 0.0,
                        "confusion[true " + mllibLabels[i] + "][predicted " + mllibLabels[j] + "]");
            }
        }
    }
}
