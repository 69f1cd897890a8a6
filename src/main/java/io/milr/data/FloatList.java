package io.milr.data;

import java.util.Arrays;

/** A growing array of floats, for readers that do not know the number of values up front. */
public final class FloatList {
    private float[] values = new float[1024];
    private int size;

    public void add(float value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, grownLength(values.length));
        }
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    public float[] toArray() {
        return Arrays.copyOf(values, size);
    }

    static int grownLength(int length) {
        if (length == Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more values than a Java array holds");
        }
        return (int) Math.min(Integer.MAX_VALUE - 8L, length * 2L);
    }
}
