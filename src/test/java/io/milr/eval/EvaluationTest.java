package io.milr.eval;

import io.milr.mi.JointHistogram;
import io.milr.mi.MiEstimator;
import io.milr.mi.MiResult;
import io.milr.mi.MutualInformation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures against their definitions, evaluated on the (prediction, label) pairs themselves. */
class EvaluationTest {

    /** (prediction, label) pairs with the probabilities that give those predictions. */
    record Pairs(int numClasses, int[] labels, int[] predictions, double[][] probabilities) {
        ConfusionCounts counts() {
            ConfusionCounts counts = new ConfusionCounts(numClasses);
            for (int i = 0; i < labels.length; i++) {
                counts.add(labels[i], probabilities[i]);
            }
            return counts;
        }

        long where(int label, int prediction) {
            long n = 0;
            for (int i = 0; i < labels.length; i++) {
                if ((label < 0 || labels[i] == label) && (prediction < 0 || predictions[i] == prediction)) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Random pairs over K classes in which {@code neverPredicted} is no example's prediction and
     * {@code neverTrue} no example's label (-1: none such); right with probability {@code accuracy}.
     */
    static Pairs pairs(long seed, int k, int size, double accuracy, int neverPredicted, int neverTrue) {
        Random random = new Random(seed);
        int[] labels = new int[size];
        int[] predictions = new int[size];
        double[][] probabilities = new double[size][];
        for (int i = 0; i < size; i++) {
            do {
                labels[i] = random.nextInt(k);
            } while (labels[i] == neverTrue);
            do {
                predictions[i] = random.nextDouble() < accuracy ? labels[i] : random.nextInt(k);
            } while (predictions[i] == neverPredicted);
            double[] p = new double[k];
            double rest = 0.5 * random.nextDouble();
            for (int c = 0; c < k; c++) {
                p[c] = c == predictions[i] ? 1 - rest : rest / (k - 1);
            }
            probabilities[i] = p;
        }
        return new Pairs(k, labels, predictions, probabilities);
    }

    @Test
    void everyFigureMatchesItsDefinitionOnThePairs() {
        Pairs pairs = pairs(7, 5, 3_000, 0.6, 2, 4);
        Evaluation e = Evaluation.of(pairs.counts());
        int n = pairs.labels().length;
        assertEquals(n, e.n());
        assertEquals((double) (pairs.where(0, 0) + pairs.where(1, 1) + pairs.where(2, 2) + pairs.where(3, 3)
                + pairs.where(4, 4)) / n, e.accuracy(), 1e-15);

        double weightedP = 0;
        double weightedR = 0;
        double weightedF = 0;
        double macro = 0;
        int occurring = 0;
        for (int c = 0; c < 5; c++) {
            long tp = pairs.where(c, c);
            long support = pairs.where(c, -1);
            long predicted = pairs.where(-1, c);
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            ClassMetrics m = e.classes().get(c);
            assertEquals(c, m.label());
            assertEquals(support, m.support(), "support of " + c);
            assertEquals(predicted, m.predicted(), "predictions of " + c);
            assertEquals(precision, m.precision(), 1e-15, "precision of " + c);
            assertEquals(recall, m.recall(), 1e-15, "recall of " + c);
            assertEquals(f1, m.f1(), 1e-15, "F1 of " + c);
            weightedP += precision * support / n;
            weightedR += recall * support / n;
            weightedF += f1 * support / n;
            if (support + predicted > 0) {
                macro += f1;
                occurring++;
            }
        }
        assertEquals(weightedP, e.weightedPrecision(), 1e-14);
        assertEquals(weightedR, e.weightedRecall(), 1e-14);
        assertEquals(weightedF, e.weightedF1(), 1e-14);
        assertEquals(e.accuracy(), e.weightedRecall(), 1e-14, "weighted recall is accuracy");
        assertEquals(macro / occurring, e.macroF1(), 1e-15);
        assertEquals(5, occurring, "class 2 has support, class 4 predictions: both count in the macro mean");

        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            logLoss -= Math.log(pairs.probabilities()[i][pairs.labels()[i]]);
        }
        assertEquals(logLoss / n, e.logLoss(), 1e-12);
    }

    @Test
    void classesNeverPredictedOrNeverPresent() {
        Pairs pairs = pairs(8, 5, 2_000, 0.7, 2, 4);
        Evaluation e = Evaluation.of(pairs.counts());
        ClassMetrics neverPredicted = e.classes().get(2);
        assertEquals(0, neverPredicted.predicted());
        assertTrue(neverPredicted.support() > 0);
        assertEquals(0.0, neverPredicted.precision(), "MLlib: precision 0 when tp + fp = 0");
        assertEquals(0.0, neverPredicted.recall());
        assertEquals(0.0, neverPredicted.f1(), "MLlib: F 0 when p + r = 0");
        ClassMetrics neverTrue = e.classes().get(4);
        assertEquals(0, neverTrue.support());
        assertTrue(neverTrue.predicted() > 0);
        assertEquals(0.0, neverTrue.precision(), "every prediction of class 4 is wrong");
        assertEquals(0.0, neverTrue.recall(), "no examples: recall 0 (zero_division = 0)");
    }

    @Test
    void aClassThatNeverOccursStaysOutOfTheMacroMean() {
        // K = 4 but class 3 is neither a label nor a prediction.
        Pairs pairs = pairs(9, 4, 1_000, 0.5, 3, 3);
        Evaluation e = Evaluation.of(pairs.counts());
        double mean = (e.classes().get(0).f1() + e.classes().get(1).f1() + e.classes().get(2).f1()) / 3;
        assertEquals(mean, e.macroF1(), 1e-15);
        assertEquals(0, e.classes().get(3).support() + e.classes().get(3).predicted());
    }

    @Test
    void miIsTheProjectsMiOfTheSamePairs() {
        Pairs pairs = pairs(10, 10, 4_000, 0.8, 6, -1);
        JointHistogram table = new JointHistogram(10);
        for (int i = 0; i < pairs.labels().length; i++) {
            table.add(pairs.predictions()[i], pairs.labels()[i]);
        }
        for (MiEstimator estimator : MiEstimator.values()) {
            MiResult expected = MutualInformation.of(table, estimator);
            Evaluation e = Evaluation.of(pairs.counts(), estimator);
            assertEquals(estimator, e.estimator());
            assertEquals(expected.mi(), e.mi(), 0.0, estimator + ": the same table gives the same MI");
            assertEquals(expected.miNorm(), e.miNorm(), 0.0);
            assertEquals(expected.hY(), e.hY(), 0.0);
        }
        assertEquals(MiEstimator.PLUGIN, Evaluation.of(pairs.counts()).estimator());
    }

    @Test
    void oneClassOfLabelsHasMiZeroAndNoNormalisedMi() {
        ConfusionCounts counts = new ConfusionCounts(3)
                .add(1, new double[]{0.2, 0.7, 0.1})
                .add(1, new double[]{0.6, 0.3, 0.1});
        Evaluation e = Evaluation.of(counts);
        assertEquals(0.5, e.accuracy());
        assertEquals(0.0, e.mi());
        assertEquals(0.0, e.hY());
        assertTrue(Double.isNaN(e.miNorm()), "I / H(Y) with H(Y) = 0 is undefined");
    }

    @Test
    void noExamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new ConfusionCounts(3)));
    }

    @Test
    void theRecordKeepsItsOwnCopyOfTheMatrix() {
        Evaluation e = Evaluation.of(pairs(1, 3, 100, 0.5, -1, -1).counts());
        long[][] m = e.confusion();
        m[0][0] += 1000;
        assertEquals(e.classes().get(0).support(), e.confusion()[0][0] + e.confusion()[0][1] + e.confusion()[0][2]);
        assertEquals(Evaluation.of(pairs(1, 3, 100, 0.5, -1, -1).counts()), e, "equal counts, equal evaluations");
    }
}
