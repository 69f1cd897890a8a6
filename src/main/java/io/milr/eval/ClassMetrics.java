package io.milr.eval;

/**
 * The figures of one class, as MLlib's {@code MulticlassMetrics} defines them for a label.
 *
 * @param label     the class index
 * @param support   examples whose true class this is (the confusion matrix's row sum)
 * @param predicted examples predicted as this class (its column sum)
 * @param precision true positives / predicted; 0 for a class never predicted (as MLlib returns)
 * @param recall    true positives / support; 0 for a class that is no example's true class (MLlib
 *                  has no such label and throws; 0 is scikit-learn's {@code zero_division=0})
 * @param f1        2 precision recall / (precision + recall); 0 when both are 0 (as MLlib returns)
 */
public record ClassMetrics(int label, long support, long predicted, double precision, double recall, double f1) {
}
