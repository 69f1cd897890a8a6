package io.milr.mi;

import static io.milr.mi.MiEstimator.MILLER_MADOW;
import static io.milr.mi.MiEstimator.PLUGIN;
import static java.lang.Math.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MutualInformationTest {

    private static final double EXACT = 1e-14;

    private static MiResult plugIn(long[][] counts) {
        return MutualInformation.of(JointHistogram.of(counts), PLUGIN);
    }

    private static MiResult millerMadow(long[][] counts) {
        return MutualInformation.of(JointHistogram.of(counts), MILLER_MADOW);
    }

    @Test
    void perfectDiagonalGivesMiEqualToTheLabelEntropy() {
        MiResult r = plugIn(new long[][] {{5, 0, 0}, {0, 3, 0}, {0, 0, 2}});
        double hY = -(0.5 * log(0.5) + 0.3 * log(0.3) + 0.2 * log(0.2));
        assertEquals(10, r.n());
        assertEquals(hY, r.hY(), EXACT);
        assertEquals(hY, r.hP(), EXACT);
        assertEquals(hY, r.hPY(), EXACT);
        assertEquals(hY, r.mi(), EXACT);
        assertEquals(1.0, r.miNorm(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(MiEstimator.class)
    void aPermutedDiagonalIsAPerfectPredictionUpToRelabelling(MiEstimator estimator) {
        // predicted class = (label + 1) mod 4, with unequal class sizes
        long[][] counts = new long[4][4];
        long[] sizes = {7, 1, 13, 5};
        for (int y = 0; y < 4; y++) {
            counts[(y + 1) % 4][y] = sizes[y];
        }
        MiResult r = MutualInformation.of(JointHistogram.of(counts), estimator);
        assertEquals(1.0, r.miNorm(), 1e-12);
        assertTrue(r.miNorm() <= 1.0, "miNorm must be clamped to 1, was " + r.miNorm());
        assertEquals(r.hY(), r.mi(), 1e-12);
    }

    @Test
    void anIndependentProductTableHasZeroMi() {
        long[] rowWeights = {1, 2, 3};
        long[] columnWeights = {2, 1, 4};
        long[][] counts = new long[3][3];
        for (int p = 0; p < 3; p++) {
            for (int y = 0; y < 3; y++) {
                counts[p][y] = 5 * rowWeights[p] * columnWeights[y];
            }
        }
        MiResult r = plugIn(counts);
        assertEquals(0.0, r.mi(), 1e-12);
        assertEquals(0.0, r.miNorm(), 1e-12);
        assertTrue(r.mi() >= 0.0, "round-off below 0 must be clamped, was " + r.mi());
        assertEquals(r.hP() + r.hY(), r.hPY(), 1e-12);
    }

    @Test
    void symmetricTwoByTwoTableByHand() {
        // joint cells 3/8, 1/8, 1/8, 3/8: H(P,Y) = 3 ln 2 - (3/4) ln 3, both marginals uniform
        MiResult r = plugIn(new long[][] {{3, 1}, {1, 3}});
        assertEquals(log(2), r.hY(), EXACT);
        assertEquals(log(2), r.hP(), EXACT);
        assertEquals(3 * log(2) - 0.75 * log(3), r.hPY(), EXACT);
        assertEquals(0.75 * log(3) - log(2), r.mi(), EXACT);
        assertEquals(0.75 * log(3) / log(2) - 1, r.miNorm(), EXACT);
    }

    @Test
    void asymmetricTwoByTwoTableByHand() {
        // pairs (p, y): (0,0) twice, (0,1) once, (1,1) once; p(P) = (3/4, 1/4), p(Y) = (1/2, 1/2)
        MiResult r = plugIn(new long[][] {{2, 1}, {0, 1}});
        assertEquals(log(2), r.hY(), EXACT);
        assertEquals(2 * log(2) - 0.75 * log(3), r.hP(), EXACT);
        assertEquals(1.5 * log(2), r.hPY(), EXACT);
        assertEquals(1.5 * log(2) - 0.75 * log(3), r.mi(), EXACT);
        assertEquals(1.5 - 0.75 * log(3) / log(2), r.miNorm(), EXACT);
    }

    @ParameterizedTest
    @EnumSource(MiEstimator.class)
    void emptyRowsAndColumnsChangeNothing(MiEstimator estimator) {
        long[][] compact = {{4, 1, 0}, {2, 3, 6}, {0, 1, 5}};
        // the same counts spread over 5 classes: classes 1 and 3 are never predicted nor labelled
        long[][] sparse = new long[5][5];
        int[] position = {0, 2, 4};
        for (int p = 0; p < 3; p++) {
            for (int y = 0; y < 3; y++) {
                sparse[position[p]][position[y]] = compact[p][y];
            }
        }
        MiResult expected = MutualInformation.of(JointHistogram.of(compact), estimator);
        MiResult actual = MutualInformation.of(JointHistogram.of(sparse), estimator);
        assertEquals(expected.n(), actual.n());
        assertEquals(expected.hY(), actual.hY(), EXACT);
        assertEquals(expected.hP(), actual.hP(), EXACT);
        assertEquals(expected.hPY(), actual.hPY(), EXACT);
        assertEquals(expected.mi(), actual.mi(), EXACT);
        assertEquals(expected.miNorm(), actual.miNorm(), EXACT);
    }

    @Test
    void aNeverPredictedClassKeepsTheHandValue() {
        MiResult r = plugIn(new long[][] {{2, 1, 0}, {0, 1, 0}, {0, 0, 0}});
        assertEquals(1.5 * log(2) - 0.75 * log(3), r.mi(), EXACT);
    }

    @Test
    void aSingleTrueClassThrowsSayingWhatWasFound() {
        SingleClassException e = assertThrows(SingleClassException.class,
                () -> plugIn(new long[][] {{0, 0, 3}, {0, 0, 2}, {0, 0, 2}}));
        assertEquals("all 7 examples have label 2: normalised MI needs at least two classes", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
        assertThrows(SingleClassException.class, () -> millerMadow(new long[][] {{4, 0}, {1, 0}}));
    }

    @ParameterizedTest
    @EnumSource(MiEstimator.class)
    void anEmptyTableThrows(MiEstimator estimator) {
        SingleClassException e = assertThrows(SingleClassException.class,
                () -> MutualInformation.of(new JointHistogram(3), estimator));
        assertTrue(e.getMessage().contains("N = 0"), e.getMessage());
    }

    @Test
    void millerMadowAddsItsCorrectionToEachEntropy() {
        // N = 8; m = 2 label cells, 2 prediction cells, 4 joint cells: corrections 1/16, 1/16, 3/16
        MiResult r = millerMadow(new long[][] {{3, 1}, {1, 3}});
        assertEquals(log(2) + 1.0 / 16, r.hY(), EXACT);
        assertEquals(log(2) + 1.0 / 16, r.hP(), EXACT);
        assertEquals(3 * log(2) - 0.75 * log(3) + 3.0 / 16, r.hPY(), EXACT);
        double mi = 0.75 * log(3) - log(2) - 1.0 / 16;
        assertEquals(mi, r.mi(), EXACT);
        assertEquals(mi / (log(2) + 1.0 / 16), r.miNorm(), EXACT);
    }

    @Test
    void millerMadowCountsOnlyNonEmptyCells() {
        // N = 4; m = 2, 2, 3: the corrections 1/8 + 1/8 - 2/8 cancel in I but not in the entropies
        MiResult r = millerMadow(new long[][] {{2, 1, 0}, {0, 1, 0}, {0, 0, 0}});
        assertEquals(log(2) + 1.0 / 8, r.hY(), EXACT);
        assertEquals(2 * log(2) - 0.75 * log(3) + 1.0 / 8, r.hP(), EXACT);
        assertEquals(1.5 * log(2) + 2.0 / 8, r.hPY(), EXACT);
        assertEquals(1.5 * log(2) - 0.75 * log(3), r.mi(), EXACT);
        assertEquals(r.mi() / r.hY(), r.miNorm(), EXACT);
    }

    @Test
    void millerMadowClampsANegativeMiToZero() {
        // N = 6: plug-in I = (5/3) ln 2 - ln 3 > 0, the correction (1 + 1 - 3) / 12 pushes it below 0
        long[][] counts = {{2, 1}, {1, 2}};
        assertEquals(5.0 / 3 * log(2) - log(3), plugIn(counts).mi(), EXACT);
        MiResult r = millerMadow(counts);
        assertEquals(log(2) + 1.0 / 12, r.hY(), EXACT);
        assertEquals(0.0, r.mi(), 0.0);
        assertEquals(0.0, r.miNorm(), 0.0);
    }

    @Test
    void millerMadowClampsToTheSmallerMarginalEntropy() {
        // perfect prediction: I = H(P) + H(Y) - H(P,Y) = H(Y) with equal corrections, never above it
        MiResult r = millerMadow(new long[][] {{0, 0, 4}, {9, 0, 0}, {0, 2, 0}});
        assertEquals(Math.min(r.hP(), r.hY()), r.mi(), 1e-12);
        assertTrue(r.mi() <= Math.min(r.hP(), r.hY()));
        assertTrue(r.miNorm() <= 1.0);
    }

    @ParameterizedTest
    @EnumSource(MiEstimator.class)
    void randomTablesStayWithinTheBounds(MiEstimator estimator) {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int k = 2 + random.nextInt(6);
            long[][] counts = new long[k][k];
            for (int p = 0; p < k; p++) {
                for (int y = 0; y < k; y++) {
                    counts[p][y] = random.nextInt(3) == 0 ? 0 : random.nextInt(20);
                }
            }
            counts[0][0] += 1;
            counts[1][1] += 1;
            MiResult r = MutualInformation.of(JointHistogram.of(counts), estimator);
            assertTrue(r.mi() >= 0 && r.mi() <= Math.min(r.hP(), r.hY()), r.toString());
            assertTrue(r.miNorm() >= 0 && r.miNorm() <= 1, r.toString());
            assertEquals(r.mi() / r.hY(), r.miNorm(), 1e-15);
        }
    }

    @Test
    void plugInEntropyOfCounts() {
        assertEquals(log(2), MutualInformation.entropy(new long[] {5, 0, 5}), EXACT);
        assertEquals(log(4), MutualInformation.entropy(new long[] {1, 1, 1, 1}), EXACT);
        assertEquals(0.0, MutualInformation.entropy(new long[] {0, 9}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> MutualInformation.entropy(new long[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> MutualInformation.entropy(new long[] {1, -1}));
    }

    @Test
    void estimatorConfigNames() {
        assertEquals("plugin", PLUGIN.configName());
        assertEquals("miller-madow", MILLER_MADOW.configName());
        for (MiEstimator estimator : MiEstimator.values()) {
            assertEquals(estimator, MiEstimator.fromConfigName(estimator.configName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiEstimator.fromConfigName("jackknife"));
        assertTrue(e.getMessage().contains("jackknife") && e.getMessage().contains("plugin, miller-madow"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiEstimator.fromConfigName(null));
    }
}
