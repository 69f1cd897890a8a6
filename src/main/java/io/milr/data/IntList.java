package io.milr.data;

import java.util.Arrays;

/** A growing array of ints, for readers that do not know the number of values up front. */
public final class IntList {
    private int[] values = new int[1024];
    private int size;

    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, FloatList.grownLength(values.length));
        }
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
