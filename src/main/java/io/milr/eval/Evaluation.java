package io.milr.eval;

import io.milr.mi.JointHistogram;
import io.milr.mi.MiEstimator;
import io.milr.mi.MiResult;
import io.milr.mi.MutualInformation;

import java.util.ArrayList;
import java.util.List;

/**
 * Every figure an evaluation reports, computed from merged {@link ConfusionCounts} only, so it is the
 * same whatever the partitioning. Definitions are MLlib's {@code MulticlassMetrics} (Spark 3.5):
 * accuracy, per-class precision, recall and F1, and their averages weighted by the true-class
 * frequencies; macro F1 (which MLlib lacks) is scikit-learn's: the mean F1 over the classes that occur
 * as a true or a predicted class. MI is METHOD.md section 2's, from {@link MutualInformation}.
 *
 * @param numClasses        K
 * @param n                 examples evaluated
 * @param confusion         K x K counts, rows = true class, columns = predicted class (as MLlib)
 * @param accuracy          correct / n
 * @param classes           per-class figures, index = class
 * @param weightedPrecision sum over classes of precision * support / n (MLlib's {@code weightedPrecision})
 * @param weightedRecall    likewise for recall; equals accuracy (MLlib's {@code weightedRecall})
 * @param weightedF1        likewise for F1 (MLlib's {@code weightedFMeasure}, the evaluator's {@code f1})
 * @param macroF1           mean F1 over the classes with support or predictions
 * @param logLoss           mean clipped -ln p(true class) (MLlib's {@code logLoss()}, eps 1e-15)
 * @param estimator         how the entropies below were estimated
 * @param hY                entropy of the true labels, nats
 * @param mi                I(P; Y) between predicted and true class, nats
 * @param miNorm            I / H(Y); NaN when the labels are one class only (H(Y) = 0, and then I = 0)
 */
public record Evaluation(int numClasses, long n, long[][] confusion, double accuracy, List<ClassMetrics> classes,
                         double weightedPrecision, double weightedRecall, double weightedF1, double macroF1,
                         double logLoss, MiEstimator estimator, double hY, double mi, double miNorm) {

    public Evaluation {
        confusion = copy(confusion);
        classes = List.copyOf(classes);
    }

    @Override
    public long[][] confusion() {
        return copy(confusion);
    }

    /** Records compare arrays by reference; two evaluations of equal counts are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && numClasses == e.numClasses && n == e.n
                && java.util.Arrays.deepEquals(confusion, e.confusion) && classes.equals(e.classes)
                && Double.compare(accuracy, e.accuracy) == 0 && Double.compare(weightedPrecision, e.weightedPrecision) == 0
                && Double.compare(weightedRecall, e.weightedRecall) == 0 && Double.compare(weightedF1, e.weightedF1) == 0
                && Double.compare(macroF1, e.macroF1) == 0 && Double.compare(logLoss, e.logLoss) == 0
                && estimator == e.estimator && Double.compare(hY, e.hY) == 0 && Double.compare(mi, e.mi) == 0
                && Double.compare(miNorm, e.miNorm) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(confusion) * 31 + Double.hashCode(logLoss);
    }

    /** The figures of {@code counts} with plug-in entropies (the estimator scikit-learn's MI uses). */
    public static Evaluation of(ConfusionCounts counts) {
        return of(counts, MiEstimator.PLUGIN);
    }

    /**
     * The figures of {@code counts}.
     *
     * @throws IllegalArgumentException if no example was counted: no figure is defined then
     */
    public static Evaluation of(ConfusionCounts counts, MiEstimator estimator) {
        if (counts == null || estimator == null) {
            throw new IllegalArgumentException("counts and estimator must not be null");
        }
        long n = counts.n();
        if (n == 0) {
            throw new IllegalArgumentException("no examples were evaluated (n = 0): every figure is undefined");
        }
        int k = counts.numClasses();
        long[][] confusion = counts.confusion();
        long[] support = new long[k];
        long[] predicted = new long[k];
        long correct = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                support[t] += confusion[t][p];
                predicted[p] += confusion[t][p];
            }
            correct += confusion[t][t];
        }

        List<ClassMetrics> classes = new ArrayList<>(k);
        double weightedPrecision = 0;
        double weightedRecall = 0;
        double weightedF1 = 0;
        double f1Sum = 0;
        int occurring = 0;
        int labelsPresent = 0;
        for (int c = 0; c < k; c++) {
            double tp = confusion[c][c];
            double precision = predicted[c] == 0 ? 0 : tp / predicted[c];
            double recall = support[c] == 0 ? 0 : tp / support[c];
            // MLlib's fMeasure with beta = 1, written as it computes it: (1 + b^2) p r / (b^2 p + r).
            double f1 = precision + recall == 0 ? 0 : 2.0 * precision * recall / (precision + recall);
            classes.add(new ClassMetrics(c, support[c], predicted[c], precision, recall, f1));
            if (support[c] > 0) {
                // The same order of operations as MLlib: metric * count / labelCount.
                weightedPrecision += precision * support[c] / n;
                weightedRecall += recall * support[c] / n;
                weightedF1 += f1 * support[c] / n;
                labelsPresent++;
            }
            if (support[c] > 0 || predicted[c] > 0) {
                f1Sum += f1;
                occurring++;
            }
        }

        double hY = 0;
        double mi = 0;
        double miNorm = Double.NaN;
        if (labelsPresent >= 2) {
            MiResult result = MutualInformation.of(JointHistogram.of(transpose(confusion)), estimator);
            hY = result.hY();
            mi = result.mi();
            miNorm = result.miNorm();
        }
        return new Evaluation(k, n, confusion, (double) correct / n, classes, weightedPrecision, weightedRecall,
                weightedF1, f1Sum / occurring, counts.logLossSum() / n, estimator, hY, mi, miNorm);
    }

    /** milr's joint tables are rows = predicted, columns = true class: the confusion matrix transposed. */
    private static long[][] transpose(long[][] confusion) {
        int k = confusion.length;
        long[][] table = new long[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                table[p][t] = confusion[t][p];
            }
        }
        return table;
    }

    private static long[][] copy(long[][] matrix) {
        long[][] copy = new long[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
