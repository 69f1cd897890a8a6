package io.milr.data;

import java.util.Arrays;

/** A growing array of ints, for readers that do not know the number of values up front. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, FloatList.grownLength(values.length));
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
