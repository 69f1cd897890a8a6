package io.milr.spark;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExamplePermutationTest {

    @Test
    void everyPositionIsHitExactlyOnceForAwkwardSizes() {
        for (long size : new long[]{1, 2, 3, 5, 64, 65, 1000, 60_000, 131_073}) {
            ExamplePermutation permutation = new ExamplePermutation(size, 42);
            BitSet seen = new BitSet((int) size);
            for (long i = 0; i < size; i++) {
                long position = permutation.apply(i);
                assertTrue(position >= 0 && position < size, size + ": " + position);
                assertTrue(!seen.get((int) position), size + ": position " + position + " hit twice");
                seen.set((int) position);
            }
            assertEquals(size, seen.cardinality());
        }
    }

    @Test
    void theSeedDecidesTheOrderAndItLooksShuffled() {
        ExamplePermutation a = new ExamplePermutation(10_000, 1);
        ExamplePermutation b = new ExamplePermutation(10_000, 2);
        int same = 0;
        int fixedPoints = 0;
        long displacement = 0;
        for (long i = 0; i < 10_000; i++) {
            assertEquals(a.apply(i), new ExamplePermutation(10_000, 1).apply(i));
            same += a.apply(i) == b.apply(i) ? 1 : 0;
            fixedPoints += a.apply(i) == i ? 1 : 0;
            displacement += Math.abs(a.apply(i) - i);
        }
        assertTrue(same < 20, "two seeds agree on " + same + " positions");
        assertTrue(fixedPoints < 20, fixedPoints + " examples stay in place");
        // A random permutation moves an example by size/3 on average.
        assertEquals(10_000 / 3.0, displacement / 10_000.0, 300);
    }

    @Test
    void refusesPositionsOutsideTheSet() {
        assertThrows(IndexOutOfBoundsException.class, () -> new ExamplePermutation(10, 1).apply(10));
        assertThrows(IllegalArgumentException.class, () -> new ExamplePermutation(0, 1));
    }
}
