package io.milr.spark;

import java.io.Serializable;

/**
 * A seeded random permutation of the example positions {@code 0..size-1}, computed position by
 * position with no table: a four-round Feistel network on the smallest even number of bits that
 * covers {@code size}, cycle-walked back into range. Each reader of a slice places its examples
 * without knowing any other example, and every recomputation (a retried task) places them the same.
 */
final class ExamplePermutation implements Serializable {
    private static final int ROUNDS = 4;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[ROUNDS];

    ExamplePermutation(long size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, found " + size);
        }
        this.size = size;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1L << halfBits) - 1;
        for (int r = 0; r < ROUNDS; r++) {
            keys[r] = SeedMix.of(seed + 0x9E3779B97F4A7C15L * (r + 1));
        }
    }

    /** Where example {@code index} goes. */
    long apply(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " outside 0.." + (size - 1));
        }
        long position = encrypt(index);
        while (position >= size) {
            position = encrypt(position);
        }
        return position;
    }

    private long encrypt(long value) {
        long left = value >>> halfBits;
        long right = value & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long next = left ^ (SeedMix.of(right ^ keys[r]) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
