package io.milr.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfusionCountsTest {

    /** K random probabilities summing to 1, with some exact zeros and ones among the examples. */
    static double[] probabilities(Random random, int k) {
        double[] p = new double[k];
        int kind = random.nextInt(20);
        if (kind == 0) {
            p[random.nextInt(k)] = 1.0;
            return p;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = kind == 1 && c % 2 == 0 ? 0.0 : -Math.log(1 - random.nextDouble());
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Test
    void mergedPartialsEqualOnePassOverAllExamples() {
        Random random = new Random(11);
        int k = 6;
        int examples = 5_000;
        int[] labels = new int[examples];
        double[][] probs = new double[examples][];
        ConfusionCounts onePass = new ConfusionCounts(k);
        for (int i = 0; i < examples; i++) {
            labels[i] = random.nextInt(k);
            probs[i] = probabilities(random, k);
            onePass.add(labels[i], probs[i]);
        }
        for (int parts : new int[]{1, 2, 7, 100}) {
            List<ConfusionCounts> partials = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                partials.add(new ConfusionCounts(k));
            }
            for (int i = 0; i < examples; i++) {
                partials.get(random.nextInt(parts)).add(labels[i], probs[i]);
            }
            Collections.shuffle(partials, random);
            ConfusionCounts merged = new ConfusionCounts(k);
            partials.forEach(merged::merge);
            assertArrayEquals(onePass.confusion(), merged.confusion(), parts + " partials");
            assertEquals(examples, merged.n());
            // The log-loss sum is a double: equal up to the round-off of another order of additions.
            assertEquals(onePass.logLossSum(), merged.logLossSum(), 1e-12 * onePass.logLossSum());
        }
        long total = 0;
        for (long[] row : onePass.confusion()) {
            for (long c : row) {
                total += c;
            }
        }
        assertEquals(examples, total, "the matrix's sum is n");
    }

    @Test
    void rowsAreTheTrueClassAndColumnsThePrediction() {
        ConfusionCounts counts = new ConfusionCounts(3).add(2, new double[]{0.1, 0.7, 0.2});
        assertEquals(1, counts.count(2, 1));
        assertEquals(0, counts.count(1, 2));
    }

    @Test
    void tiesGoToTheLowestClassIndex() {
        ConfusionCounts counts = new ConfusionCounts(4)
                .add(3, new double[]{0.25, 0.25, 0.25, 0.25})
                .add(3, new double[]{0.1, 0.4, 0.4, 0.1})
                .add(3, new double[]{0.0, 0.3, 0.3, 0.4})
                .add(0, new double[]{0.2, 0.2, 0.3, 0.3});
        assertEquals(1, counts.count(3, 0), "all equal: class 0");
        assertEquals(1, counts.count(3, 1), "classes 1 and 2 tie: class 1");
        assertEquals(1, counts.count(3, 3), "no tie at the top");
        assertEquals(1, counts.count(0, 2), "classes 2 and 3 tie: class 2");
    }

    @Test
    void logLossClipsTheTrueClassProbabilityAsMllibDoes() {
        double eps = ConfusionCounts.LOG_LOSS_EPS;
        assertEquals(1e-15, eps);
        assertEquals(-Math.log(eps), ConfusionCounts.logLoss(0.0), "p = 0 is clipped up to eps");
        assertEquals(-Math.log(eps), ConfusionCounts.logLoss(eps / 10), "p < eps is clipped up to eps");
        assertEquals(-Math.log1p(-eps), ConfusionCounts.logLoss(1.0), "p = 1 is clipped down to 1 - eps");
        assertEquals(-Math.log(0.5), ConfusionCounts.logLoss(0.5));

        ConfusionCounts counts = new ConfusionCounts(2)
                .add(0, new double[]{0.0, 1.0})
                .add(1, new double[]{0.0, 1.0})
                .add(1, new double[]{0.75, 0.25});
        assertEquals(-Math.log(eps) - Math.log1p(-eps) - Math.log(0.25), counts.logLossSum(), 1e-12);
        assertEquals(3, counts.n());
    }

    @Test
    void refusesWhatItCannotCount() {
        ConfusionCounts counts = new ConfusionCounts(3);
        assertThrows(IllegalArgumentException.class, () -> counts.add(3, new double[]{1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> counts.add(-1, new double[]{1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> counts.add(0, new double[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> counts.add(0, new double[]{Double.NaN, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> counts.merge(new ConfusionCounts(4)));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(1));
        assertEquals(0, counts.n(), "nothing refused was counted");
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        Random random = new Random(3);
        ConfusionCounts counts = new ConfusionCounts(5);
        for (int i = 0; i < 100; i++) {
            counts.add(random.nextInt(5), probabilities(random, 5));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counts);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(counts, in.readObject());
        }
    }
}
