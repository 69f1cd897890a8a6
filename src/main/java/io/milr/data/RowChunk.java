package io.milr.data;

/** Examples converted from rows of a table, and how many rows among them were skipped (nulls). */
public record RowChunk(LabeledVectors examples, long skippedRows) implements LabeledData, java.io.Serializable {

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public int numFeatures() {
        return examples.numFeatures();
    }

    @Override
    public int label(int example) {
        return examples.label(example);
    }

    @Override
    public void copyFeatures(int example, float[] into, int offset) {
        examples.copyFeatures(example, into, offset);
    }

    @Override
    public LabeledData first(int n) {
        return examples.first(n);
    }
}
