package io.milr.data;

/**
 * Labelled examples with the same number of features each, whatever file format they came from.
 * Features are raw, as stored in the files; scaling happens when minibatches are cut
 * ({@link FeatureScaler}), so that it can be fitted on the training set and applied to every set.
 */
public interface LabeledData {

    int size();

    int numFeatures();

    /** The class of example {@code i}, {@code >= 0}. */
    int label(int example);

    /** Copies the raw features of {@code example} into {@code into[offset .. offset + numFeatures())}. */
    void copyFeatures(int example, float[] into, int offset);

    /** The first {@code n} examples; this instance itself when {@code n >= size()}. */
    LabeledData first(int n);

    /**
     * These examples with {@code n >= numFeatures()} features, those beyond {@link #numFeatures()} 0;
     * this instance itself when {@code n} is its number of features.
     */
    default LabeledData widened(int n) {
        if (n < numFeatures()) {
            throw new IllegalArgumentException("cannot narrow " + numFeatures() + " features to " + n);
        }
        return n == numFeatures() ? this : new WidenedExamples(this, n);
    }

    /** Rows of the source left out of these examples on purpose (nulls, with {@code data.nulls=skip}). */
    default long skippedRows() {
        return 0;
    }

    /** Largest label plus one; 0 when there are no examples. */
    default int numClasses() {
        int max = -1;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, label(i));
        }
        return max + 1;
    }

    /**
     * How many examples carry each label {@code 0..k-1}.
     *
     * @throws DataFormatException naming the first example whose label is not below {@code k}
     */
    default long[] classCounts(int k) {
        long[] counts = new long[k];
        for (int i = 0; i < size(); i++) {
            int label = label(i);
            if (label >= k) {
                throw new DataFormatException("example " + i, "label " + label
                        + " is out of range for numClasses " + k + " (expected 0.." + (k - 1)
                        + "); the data has more classes than the model was built for");
            }
            counts[label]++;
        }
        return counts;
    }
}
