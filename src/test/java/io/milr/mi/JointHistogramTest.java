package io.milr.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JointHistogramTest {

    private static final int K = 6;
    private static final int PAIRS = 10_000;

    /** A seeded stream of (predicted, label) pairs; predictions agree with labels about 60% of the time. */
    private static int[][] pairStream(long seed) {
        Random random = new Random(seed);
        int[][] pairs = new int[PAIRS][];
        for (int i = 0; i < PAIRS; i++) {
            int label = random.nextInt(K);
            int predicted = random.nextDouble() < 0.6 ? label : random.nextInt(K);
            pairs[i] = new int[] {predicted, label};
        }
        return pairs;
    }

    private static JointHistogram singleMachine(int[][] pairs) {
        JointHistogram table = new JointHistogram(K);
        for (int[] pair : pairs) {
            table.add(pair[0], pair[1]);
        }
        return table;
    }

    /** Partial tables of a random assignment of the pairs to {@code parts} partitions (some may stay empty). */
    private static List<JointHistogram> randomPartials(int[][] pairs, int parts, long seed) {
        Random random = new Random(seed);
        List<JointHistogram> partials = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            partials.add(new JointHistogram(K));
        }
        for (int[] pair : pairs) {
            partials.get(random.nextInt(parts)).add(pair[0], pair[1]);
        }
        return partials;
    }

    /** Partial tables of contiguous, unequal slices, as Spark partitions of a file would be. */
    private static List<JointHistogram> contiguousPartials(int[][] pairs, int parts) {
        List<JointHistogram> partials = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < parts; i++) {
            int end = (int) ((long) pairs.length * (i + 1) * (i + 2) / ((long) parts * (parts + 1)));
            JointHistogram partial = new JointHistogram(K);
            for (int j = start; j < end; j++) {
                partial.add(pairs[j][0], pairs[j][1]);
            }
            partials.add(partial);
            start = end;
        }
        assertEquals(pairs.length, start);
        return partials;
    }

    private static JointHistogram leftFold(List<JointHistogram> partials) {
        JointHistogram result = new JointHistogram(K);
        for (JointHistogram partial : partials) {
            result.merge(partial);
        }
        return result;
    }

    private static JointHistogram reversedFold(List<JointHistogram> partials) {
        List<JointHistogram> reversed = new ArrayList<>(partials);
        Collections.reverse(reversed);
        JointHistogram result = reversed.get(0);
        for (JointHistogram partial : reversed.subList(1, reversed.size())) {
            result = result.merge(partial);
        }
        return result;
    }

    /** Pairwise merging level by level, like Spark's treeReduce. */
    private static JointHistogram treeMerge(List<JointHistogram> partials) {
        List<JointHistogram> level = new ArrayList<>(partials);
        while (level.size() > 1) {
            List<JointHistogram> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? level.get(i).merge(level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    private static JointHistogram shuffledFold(List<JointHistogram> partials, long seed) {
        List<JointHistogram> shuffled = new ArrayList<>(partials);
        Collections.shuffle(shuffled, new Random(seed));
        return leftFold(shuffled);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 50})
    void mergedPartialsEqualTheSingleMachineTable(int parts) {
        int[][] pairs = pairStream(2024);
        JointHistogram expected = singleMachine(pairs);
        List<Function<List<JointHistogram>, JointHistogram>> mergeOrders = List.of(
                JointHistogramTest::leftFold,
                JointHistogramTest::reversedFold,
                JointHistogramTest::treeMerge,
                partials -> shuffledFold(partials, 7));
        for (Function<List<JointHistogram>, JointHistogram> mergeOrder : mergeOrders) {
            // merge mutates its receiver, so every merge order gets freshly counted partials.
            JointHistogram fromRandom = mergeOrder.apply(randomPartials(pairs, parts, parts * 31L));
            JointHistogram fromSlices = mergeOrder.apply(contiguousPartials(pairs, parts));
            assertEquals(expected, fromRandom);
            assertEquals(expected, fromSlices);
            assertEquals(PAIRS, fromRandom.total());
            assertEquals(PAIRS, fromSlices.total());
        }
    }

    @Test
    void totalsAndDiagonalAreConsistentWithTheCounts() {
        int[][] pairs = pairStream(5);
        JointHistogram table = singleMachine(pairs);
        long[] expectedPredicted = new long[K];
        long[] expectedLabels = new long[K];
        long expectedCorrect = 0;
        for (int[] pair : pairs) {
            expectedPredicted[pair[0]]++;
            expectedLabels[pair[1]]++;
            expectedCorrect += pair[0] == pair[1] ? 1 : 0;
        }
        assertEquals(PAIRS, table.total());
        assertArrayEquals(expectedPredicted, table.predictedTotals());
        assertArrayEquals(expectedLabels, table.labelTotals());
        assertEquals(expectedCorrect, table.correct());
        assertEquals(K, table.numClasses());
    }

    @Test
    void rowsArePredictionsAndColumnsAreLabels() {
        JointHistogram table = new JointHistogram(3).add(2, 0).add(2, 0).add(1, 2);
        assertEquals(2, table.count(2, 0));
        assertEquals(0, table.count(0, 2));
        assertEquals(1, table.count(1, 2));
        assertArrayEquals(new long[] {0, 1, 2}, table.predictedTotals());
        assertArrayEquals(new long[] {2, 0, 1}, table.labelTotals());
        assertEquals(0, table.correct());
    }

    @Test
    void addAndMergeReturnTheSameTable() {
        JointHistogram table = new JointHistogram(2);
        assertSame(table, table.add(0, 1));
        assertSame(table, table.merge(new JointHistogram(2).add(1, 1)));
        assertEquals(2, table.total());
    }

    @Test
    void outOfRangeAddsThrowNamingTheValueAndTheRange() {
        JointHistogram table = new JointHistogram(K);
        IllegalArgumentException predicted = assertThrows(IllegalArgumentException.class, () -> table.add(K, 0));
        assertTrue(predicted.getMessage().contains("predicted class 6"), predicted.getMessage());
        assertTrue(predicted.getMessage().contains("0..5"), predicted.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> table.add(0, -1));
        assertTrue(label.getMessage().contains("label class -1"), label.getMessage());
        assertTrue(label.getMessage().contains("0..5"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.count(0, K));
        assertEquals(0, table.total(), "a rejected add must not count anything");
    }

    @Test
    void mergingTablesOfDifferentSizesThrows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JointHistogram(3).merge(new JointHistogram(4)));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JointHistogram(3).merge(null));
    }

    @Test
    void fewerThanTwoClassesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new JointHistogram(1));
        assertThrows(IllegalArgumentException.class, () -> JointHistogram.of(new long[][] {{4}}));
    }

    @Test
    void ofValidatesAndCopies() {
        long[][] counts = {{1, 2}, {3, 4}};
        JointHistogram table = JointHistogram.of(counts);
        counts[0][0] = 100;
        assertEquals(1, table.count(0, 0), "of() must copy its input");
        long[][] out = table.toArray();
        out[1][1] = 100;
        assertEquals(4, table.count(1, 1), "toArray() must return a deep copy");
        assertEquals(10, table.total());

        assertThrows(IllegalArgumentException.class, () -> JointHistogram.of(new long[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> JointHistogram.of(new long[][] {{1, 2}, null}));
        assertThrows(IllegalArgumentException.class, () -> JointHistogram.of(null));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> JointHistogram.of(new long[][] {{1, -2}, {3, 4}}));
        assertTrue(negative.getMessage().contains("-2"), negative.getMessage());
    }

    @Test
    void equalsAndHashCodeFollowTheCounts() {
        JointHistogram a = JointHistogram.of(new long[][] {{1, 2}, {3, 4}});
        JointHistogram b = new JointHistogram(2).add(0, 0).add(0, 1).add(0, 1)
                .add(1, 0).add(1, 0).add(1, 0).add(1, 1).add(1, 1).add(1, 1).add(1, 1);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, JointHistogram.of(new long[][] {{1, 3}, {2, 4}}));
        assertNotEquals(new JointHistogram(2), new JointHistogram(3));
        assertTrue(a.toString().contains("N=10"), a.toString());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        JointHistogram table = singleMachine(pairStream(9));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(table);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(table, in.readObject());
        }
    }
}
