package io.milr.mi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassCentroidsTest {

    private static final int K = 4;
    private static final int D = 5;

    private record Example(int label, double[] activation) {
    }

    /**
     * Seeded examples; with {@code dyadic} the activations are multiples of 1/4, so every sum is exact
     * whatever the order and results can be compared exactly.
     */
    private static List<Example> examples(long seed, int size, boolean dyadic) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            double[] activation = new double[D];
            for (int j = 0; j < D; j++) {
                activation[j] = dyadic ? (random.nextInt(401) - 200) / 4.0 : random.nextGaussian() * 3;
            }
            examples.add(new Example(random.nextInt(K - 1), activation)); // class K-1 never occurs
        }
        return examples;
    }

    private static ClassCentroids oneByOne(List<Example> examples) {
        ClassCentroids centroids = new ClassCentroids(K, D);
        for (Example example : examples) {
            centroids.add(example.label(), example.activation());
        }
        return centroids;
    }

    private static void assertSameCentroids(ClassCentroids expected, ClassCentroids actual, double tolerance) {
        for (int c = 0; c < K; c++) {
            assertEquals(expected.count(c), actual.count(c), "count of class " + c);
            assertArrayEquals(expected.centroids()[c], actual.centroids()[c], tolerance, "centroid of class " + c);
        }
        assertArrayEquals(expected.present(), actual.present());
    }

    @Test
    void minibatchSumsAgreeWithAddingOneByOne() {
        List<Example> examples = examples(3, 1_000, true);
        ClassCentroids batched = new ClassCentroids(K, D);
        for (int start = 0; start < examples.size(); start += 32) {
            double[][] sums = new double[K][D];
            long[] counts = new long[K];
            for (Example example : examples.subList(start, Math.min(start + 32, examples.size()))) {
                counts[example.label()]++;
                for (int j = 0; j < D; j++) {
                    sums[example.label()][j] += example.activation()[j];
                }
            }
            assertSame(batched, batched.addSums(sums, counts));
        }
        assertSameCentroids(oneByOne(examples), batched, 0.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 50})
    void mergedPartialsEqualTheSingleMachineCentroids(int parts) {
        for (boolean dyadic : new boolean[] {true, false}) {
            List<Example> examples = examples(parts, 2_000, dyadic);
            Random assignment = new Random(17);
            List<ClassCentroids> partials = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                partials.add(new ClassCentroids(K, D));
            }
            for (Example example : examples) {
                partials.get(assignment.nextInt(parts)).add(example.label(), example.activation());
            }
            Collections.shuffle(partials, new Random(5));
            ClassCentroids merged = new ClassCentroids(K, D);
            for (ClassCentroids partial : partials) {
                assertSame(merged, merged.merge(partial));
            }
            assertSameCentroids(oneByOne(examples), merged, dyadic ? 0.0 : 1e-12);
        }
    }

    @Test
    void centroidsAreClassMeansAndAbsentClassesAreNaN() {
        ClassCentroids centroids = new ClassCentroids(3, 2)
                .add(0, new double[] {1, 2})
                .add(0, new double[] {3, 6})
                .add(2, new double[] {-1, 0.5});
        double[][] means = centroids.centroids();
        assertArrayEquals(new double[] {2, 4}, means[0], 0.0);
        assertTrue(Double.isNaN(means[1][0]) && Double.isNaN(means[1][1]));
        assertArrayEquals(new double[] {-1, 0.5}, means[2], 0.0);
        assertArrayEquals(new boolean[] {true, false, true}, centroids.present());
        assertEquals(2, centroids.count(0));
        assertEquals(0, centroids.count(1));
        assertEquals(3, centroids.numClasses());
        assertEquals(2, centroids.dimension());
    }

    @Test
    void nearestUsesSquaredEuclideanDistance() {
        ClassCentroids centroids = new ClassCentroids(3, 2)
                .add(0, new double[] {0, 0})
                .add(1, new double[] {10, 0})
                .add(2, new double[] {0, 3})
                .add(2, new double[] {0, 5}); // centroid (0, 4)
        assertEquals(0, centroids.nearest(new double[] {1, 1}));
        assertEquals(1, centroids.nearest(new double[] {7, 0}));
        assertEquals(2, centroids.nearest(new double[] {0, 2.5}));
        assertEquals(0, centroids.nearest(new double[] {0, 1.5}));
    }

    @Test
    void tiesGoToTheLowestIndex() {
        ClassCentroids centroids = new ClassCentroids(4, 2)
                .add(3, new double[] {0, 1})
                .add(1, new double[] {0, -1})
                .add(2, new double[] {1, 0});
        assertEquals(1, centroids.nearest(new double[] {0, 0}), "three classes at distance 1");
        assertEquals(1, centroids.nearest(new double[] {0.5, -0.5}), "classes 1 and 2 tie");
        assertEquals(2, centroids.nearest(new double[] {0.5, 0.5}), "classes 2 and 3 tie");
    }

    @Test
    void absentClassesAreNeverNearest() {
        // class 0 has no examples: its sums are 0, so it must not act as a centroid at the origin
        ClassCentroids centroids = new ClassCentroids(3, 2)
                .add(1, new double[] {5, 5})
                .add(2, new double[] {-5, 5});
        assertEquals(1, centroids.nearest(new double[] {0, 0}));
        assertEquals(2, centroids.nearest(new double[] {-1, 0}));
    }

    @Test
    void nearestWithoutAnyClassThrows() {
        assertThrows(IllegalStateException.class, () -> new ClassCentroids(3, 2).nearest(new double[] {0, 0}));
    }

    @Test
    void invalidInputsAreRejected() {
        ClassCentroids centroids = new ClassCentroids(3, 2);
        assertThrows(IllegalArgumentException.class, () -> new ClassCentroids(1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ClassCentroids(3, 0));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> centroids.add(3, new double[] {0, 0}));
        assertTrue(label.getMessage().contains("3") && label.getMessage().contains("0..2"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> centroids.add(0, new double[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> centroids.add(0, new double[] {Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> centroids.nearest(new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> centroids.addSums(new double[][] {{0, 0}, {0, 0}}, new long[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> centroids.addSums(new double[][] {{0, 0}, {0, 0}, {0, 0}}, new long[] {0, -1, 0}));
        assertThrows(IllegalArgumentException.class, () -> centroids.merge(new ClassCentroids(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> centroids.merge(new ClassCentroids(4, 2)));
        assertEquals(0, centroids.count(0) + centroids.count(1) + centroids.count(2),
                "rejected inputs must not change the sums");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ClassCentroids centroids = oneByOne(examples(8, 100, false));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(centroids);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertSameCentroids(centroids, (ClassCentroids) in.readObject(), 0.0);
        }
    }
}
