package io.milr.data;

/**
 * Examples given more features than they were read with, the new ones 0: a LibSVM file whose largest
 * index is below that of the whole data set.
 */
record WidenedExamples(LabeledData narrow, int numFeatures) implements LabeledData, java.io.Serializable {

    @Override
    public int size() {
        return narrow.size();
    }

    @Override
    public int label(int example) {
        return narrow.label(example);
    }

    @Override
    public void copyFeatures(int example, float[] into, int offset) {
        narrow.copyFeatures(example, into, offset);
        java.util.Arrays.fill(into, offset + narrow.numFeatures(), offset + numFeatures, 0f);
    }

    @Override
    public LabeledData first(int n) {
        return n >= size() ? this : new WidenedExamples(narrow.first(n), numFeatures);
    }
}
