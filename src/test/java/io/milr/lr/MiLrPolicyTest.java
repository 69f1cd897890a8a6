package io.milr.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MiLrPolicyTest {

    private static final double LR_MIN = 0.002;
    private static final double LR_MAX = 0.2;
    private static final double TAU = 0.005;
    private static final double NaN = Double.NaN;
    private static final double EXACT = 1e-15;
    private static final boolean T = true;
    private static final boolean F = false;

    /** An MLP with parameter layers 0, 2 and 3 (the output); layer 1 has none; no hidden heads. */
    private static final boolean[] MLP_TRAINABLE = {T, F, T, T};
    private static final boolean[] NO_HEADS = {F, F, F, F};

    private static double candidate(double g) {
        return LR_MIN + (LR_MAX - LR_MIN) * (1 - g);
    }

    private static MiLrPolicy policy(LrMode mode, double lrStart, double threshold) {
        return new MiLrPolicy(new MiLrSettings(LR_MIN, LR_MAX, lrStart, threshold, mode), MLP_TRAINABLE, NO_HEADS);
    }

    private static HeadReadings output(double miNorm) {
        return HeadReadings.outputOnly(miNorm, MLP_TRAINABLE.length);
    }

    private static double[] mlpRates(double lr) {
        return new double[] {lr, NaN, lr, lr};
    }

    @ParameterizedTest
    @EnumSource(LrMode.class)
    void startGivesLrStartToTrainableLayersAndNaNToOthers(LrMode mode) {
        MiLrPolicy policy = policy(mode, 0.05, TAU);
        LrDecision decision = policy.start(output(0.1));
        assertArrayEquals(mlpRates(0.05), decision.learningRates(), 0.0);
        assertFalse(decision.stalled());
        assertArrayEquals(mlpRates(0.05), policy.currentLearningRates(), 0.0);
        assertEquals(0.1, policy.previousOutputMiNorm());
    }

    @ParameterizedTest
    @EnumSource(LrMode.class)
    void risingMiHoldsEveryRate(LrMode mode) {
        MiLrPolicy policy = policy(mode, LR_MAX, TAU);
        policy.start(output(0.1));
        for (int epoch = 1; epoch <= 5; epoch++) {
            LrDecision decision = policy.afterEpoch(epoch, output(0.1 + 0.15 * epoch));
            assertFalse(decision.stalled(), "epoch " + epoch);
            assertArrayEquals(mlpRates(LR_MAX), decision.learningRates(), 0.0);
        }
    }

    @Test
    void aRiseOfExactlyTheThresholdIsNotAStall() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, 0.125);
        policy.start(output(0.25));
        // readings chosen so that the differences are exact in binary floating point
        assertFalse(policy.afterEpoch(1, output(0.375)).stalled(), "a rise of exactly tau is not a stall");
        assertFalse(policy.afterEpoch(2, output(0.5)).stalled(), "a rise of exactly tau is not a stall");
        assertTrue(policy.afterEpoch(3, output(0.5625)).stalled(), "a rise of tau / 2 is a stall");
    }

    @ParameterizedTest
    @EnumSource(LrMode.class)
    void aStallDecaysToTheFormulaValue(LrMode mode) {
        MiLrPolicy policy = policy(mode, LR_MAX, TAU);
        policy.start(output(0.5));
        assertFalse(policy.afterEpoch(1, output(0.96)).stalled());
        LrDecision decision = policy.afterEpoch(2, output(0.962));
        assertTrue(decision.stalled());
        double expected = LR_MIN + (LR_MAX - LR_MIN) * (1 - 0.962); // 0.009524: about 20x below lrMax
        assertEquals(0.009524, expected, 1e-12);
        assertEquals(expected, decision.learningRate(0), EXACT);
        assertTrue(Double.isNaN(decision.learningRate(1)));
        assertEquals(expected, decision.learningRate(2), EXACT);
        assertEquals(expected, decision.learningRate(3), EXACT);
    }

    @ParameterizedTest
    @EnumSource(LrMode.class)
    void aRateNeverRises(LrMode mode) {
        MiLrPolicy policy = policy(mode, LR_MAX, TAU);
        policy.start(output(0.5));
        double decayed = policy.afterEpoch(1, output(0.9)).learningRate(0); // a rise: hold
        assertEquals(LR_MAX, decayed);
        decayed = policy.afterEpoch(2, output(0.9)).learningRate(0);
        assertEquals(candidate(0.9), decayed, EXACT);
        // MI falls: a stall whose lower g gives a larger candidate, which must not raise the rate
        LrDecision later = policy.afterEpoch(3, output(0.7));
        assertTrue(later.stalled());
        assertTrue(candidate(0.7) > decayed);
        assertArrayEquals(mlpRates(decayed), later.learningRates(), 0.0);
        // and a rising epoch keeps it too
        LrDecision rising = policy.afterEpoch(4, output(0.8));
        assertFalse(rising.stalled());
        assertArrayEquals(mlpRates(decayed), rising.learningRates(), 0.0);
    }

    @Test
    void successiveStallsKeepDecaying() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        policy.start(output(0.95));
        double previous = LR_MAX;
        double[] readings = {0.951, 0.953, 0.955, 0.957};
        for (int e = 0; e < readings.length; e++) {
            double lr = policy.afterEpoch(e + 1, output(readings[e])).learningRate(0);
            assertEquals(candidate(readings[e]), lr, EXACT);
            assertTrue(lr < previous);
            previous = lr;
        }
    }

    @ParameterizedTest
    @EnumSource(LrMode.class)
    void ratesStayWithinTheBounds(LrMode mode) {
        MiLrPolicy perfect = policy(mode, LR_MAX, TAU);
        perfect.start(output(1.0));
        assertArrayEquals(mlpRates(LR_MIN), perfect.afterEpoch(1, output(1.0)).learningRates(), 0.0,
                "g = 1 gives lrMin");

        MiLrPolicy useless = policy(mode, LR_MAX, TAU);
        useless.start(output(0.0));
        assertArrayEquals(mlpRates(LR_MAX), useless.afterEpoch(1, output(0.0)).learningRates(), 0.0,
                "g = 0 gives lrMax");

        MiLrPolicy lowStart = policy(mode, 0.05, TAU);
        lowStart.start(output(0.0));
        LrDecision clipped = lowStart.afterEpoch(1, output(0.0));
        assertTrue(clipped.stalled());
        assertArrayEquals(mlpRates(0.05), clipped.learningRates(), 0.0, "g = 0 is clipped by the current rate");
    }

    @Test
    void theComparisonIsWithThePreviousEpochNotTheBest() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        policy.start(output(0.5));
        assertTrue(policy.afterEpoch(1, output(0.3)).stalled());
        // 0.4 is below the best (0.5) but 0.1 above the previous reading: MI is rising again
        assertFalse(policy.afterEpoch(2, output(0.4)).stalled());
        assertEquals(0.4, policy.previousOutputMiNorm());
        assertTrue(policy.afterEpoch(3, output(0.402)).stalled());
    }

    @Test
    void aZeroThresholdStallsOnlyWhenMiFalls() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, 0.0);
        policy.start(output(0.5));
        assertFalse(policy.afterEpoch(1, output(0.5)).stalled(), "no change is not a stall at tau = 0");
        assertFalse(policy.afterEpoch(2, output(0.6)).stalled());
        LrDecision fall = policy.afterEpoch(3, output(0.59));
        assertTrue(fall.stalled());
        assertEquals(candidate(0.59), fall.learningRate(0), EXACT);
    }

    @Test
    void networkModeIgnoresHiddenHeads() {
        boolean[] trainable = {T, T, T};
        boolean[] heads = {T, T, F};
        MiLrPolicy policy = new MiLrPolicy(MiLrSettings.withDefaultStart(LR_MIN, LR_MAX, TAU, LrMode.NETWORK),
                trainable, heads);
        policy.start(new HeadReadings(0.5, new double[] {0.1, 0.2, NaN}));
        LrDecision decision = policy.afterEpoch(1, new HeadReadings(0.5, new double[] {0.1, NaN, NaN}));
        double expected = candidate(0.5);
        assertArrayEquals(new double[] {expected, expected, expected}, decision.learningRates(), EXACT);
    }

    /** Layers: 0 dense (head), 1 activation (no params), 2 dense (no head), 3 dense (head), 4 dense (no head), 5 output. */
    private static final boolean[] DEEP_TRAINABLE = {T, F, T, T, T, T};
    private static final boolean[] DEEP_HEADS = {T, F, F, T, F, F};

    private static MiLrPolicy layerPolicy() {
        return new MiLrPolicy(MiLrSettings.withDefaultStart(LR_MIN, LR_MAX, TAU, LrMode.LAYER),
                DEEP_TRAINABLE, DEEP_HEADS);
    }

    @Test
    void layerModeUsesEachLayersOwnHeadAndTheNextHeadAbove() {
        MiLrPolicy policy = layerPolicy();
        assertArrayEquals(new int[] {0, -1, 3, 3, 5, 5}, policy.followedHeads());
        policy.start(new HeadReadings(0.2, new double[] {0.1, NaN, NaN, 0.1, NaN, NaN}));
        LrDecision decision = policy.afterEpoch(1, new HeadReadings(0.9, new double[] {0.5, NaN, NaN, 0.75, NaN, NaN}));
        assertFalse(decision.stalled(), "only the output head decides when rates move");
        decision = policy.afterEpoch(2, new HeadReadings(0.901, new double[] {0.5, NaN, NaN, 0.75, NaN, NaN}));
        assertTrue(decision.stalled());
        assertArrayEquals(new double[] {candidate(0.5), NaN, candidate(0.75), candidate(0.75), candidate(0.901),
                candidate(0.901)}, decision.learningRates(), EXACT);
    }

    @Test
    void layerModeDecaysEachLayerByItsOwnHeadAndNeverRaisesAny() {
        MiLrPolicy policy = layerPolicy();
        policy.start(new HeadReadings(0.9, new double[] {0.5, NaN, NaN, 0.75, NaN, NaN}));
        policy.afterEpoch(1, new HeadReadings(0.9, new double[] {0.5, NaN, NaN, 0.75, NaN, NaN}));
        // the first hidden head improves, the second one drops: only layer 0 moves
        LrDecision decision = policy.afterEpoch(2, new HeadReadings(0.9, new double[] {0.6, NaN, NaN, 0.5, NaN, NaN}));
        assertArrayEquals(new double[] {candidate(0.6), NaN, candidate(0.75), candidate(0.75), candidate(0.9),
                candidate(0.9)}, decision.learningRates(), EXACT);
    }

    @Test
    void aMissingFollowedHiddenReadingOnAStallNamesTheLayer() {
        MiLrPolicy policy = layerPolicy();
        policy.start(new HeadReadings(0.5, new double[] {0.4, NaN, NaN, 0.4, NaN, NaN}));
        // not needed while MI rises: a driver may skip measuring hidden heads then
        assertFalse(policy.afterEpoch(1, HeadReadings.outputOnly(0.8, 6)).stalled());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy.afterEpoch(2, new HeadReadings(0.8, new double[] {0.4, NaN, NaN, NaN, NaN, NaN})));
        assertTrue(e.getMessage().contains("layer 2") && e.getMessage().contains("layer 3")
                && e.getMessage().contains("epoch 2"), e.getMessage());
        assertArrayEquals(new double[] {LR_MAX, NaN, LR_MAX, LR_MAX, LR_MAX, LR_MAX}, policy.currentLearningRates(),
                0.0, "a rejected reading must change no rate");
    }

    @Test
    void afterEpochNeedsStartFirst() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        assertThrows(IllegalStateException.class, () -> policy.afterEpoch(1, output(0.5)));
    }

    @Test
    void readingsMustCoverEveryLayer() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        assertThrows(IllegalArgumentException.class, () -> policy.start(HeadReadings.outputOnly(0.5, 3)));
        policy.start(output(0.5));
        assertThrows(IllegalArgumentException.class, () -> policy.afterEpoch(1, HeadReadings.outputOnly(0.5, 5)));
    }

    @Test
    void aNetworkWithoutParametersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MiLrPolicy(
                MiLrSettings.withDefaultStart(LR_MIN, LR_MAX, TAU, LrMode.NETWORK), new boolean[] {F, F},
                new boolean[] {F, F}));
    }

    @Test
    void resumeContinuesFromACheckpoint() {
        MiLrPolicy original = policy(LrMode.NETWORK, LR_MAX, TAU);
        original.start(output(0.5));
        original.afterEpoch(1, output(0.9));
        original.afterEpoch(2, output(0.91));
        MiLrPolicy resumed = MiLrPolicy.resume(original.settings(), MLP_TRAINABLE, NO_HEADS,
                original.currentLearningRates(), original.previousOutputMiNorm());
        assertEquals(original.afterEpoch(3, output(0.93)), resumed.afterEpoch(3, output(0.93)));
        assertEquals(original.afterEpoch(4, output(0.931)), resumed.afterEpoch(4, output(0.931)));

        MiLrSettings settings = original.settings();
        assertThrows(IllegalArgumentException.class, () -> MiLrPolicy.resume(settings, MLP_TRAINABLE, NO_HEADS,
                new double[] {0.3, NaN, 0.1, 0.1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MiLrPolicy.resume(settings, MLP_TRAINABLE, NO_HEADS,
                new double[] {0.1, 0.1, 0.1, 0.1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> MiLrPolicy.resume(settings, MLP_TRAINABLE, NO_HEADS,
                mlpRates(0.1), NaN));
    }

    @Test
    void afterADivergenceLrMaxHalvesAndCapsEveryRateUntilItWouldReachLrMin() {
        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        policy.start(output(0.6));
        policy.afterEpoch(1, output(0.601));
        double decayed = policy.currentLearningRates()[0];
        assertTrue(decayed < LR_MAX / 2 && decayed > LR_MAX / 4, "a stall decayed the rates to " + decayed);

        assertArrayEquals(mlpRates(decayed), policy.afterDivergence(2).orElseThrow().learningRates(), EXACT,
                "rates below the new lr.max stay");
        assertEquals(LR_MAX / 2, policy.settings().lrMax(), EXACT);
        assertArrayEquals(mlpRates(LR_MAX / 4), policy.afterDivergence(2).orElseThrow().learningRates(), EXACT);
        assertEquals(LR_MAX / 4, policy.settings().lrStart(), EXACT, "lr.start within the new bounds");

        // 0.2 / 2^6 = 0.003125 > lr.min, / 2^7 would be below it.
        for (int halvings = 3; halvings <= 6; halvings++) {
            assertTrue(policy.afterDivergence(2).isPresent());
        }
        assertTrue(policy.afterDivergence(2).isEmpty());
        assertEquals(LR_MAX / 64, policy.settings().lrMax(), EXACT, "unchanged by the refusal");
    }

    @Test
    void decisionsAndReadingsAreDefensiveCopies() {
        double[] rates = {0.1, NaN};
        LrDecision decision = new LrDecision(rates, true);
        rates[0] = 0.5;
        decision.learningRates()[0] = 0.7;
        assertEquals(0.1, decision.learningRate(0));
        assertEquals(new LrDecision(new double[] {0.1, NaN}, true), decision);

        double[] hidden = {0.3, NaN};
        HeadReadings readings = new HeadReadings(0.8, hidden);
        hidden[0] = 0.9;
        readings.hiddenMiNormByLayer()[0] = 0.9;
        assertEquals(0.3, readings.hiddenMiNorm(0));
        assertEquals(new HeadReadings(0.8, new double[] {0.3, NaN}), readings);

        MiLrPolicy policy = policy(LrMode.NETWORK, LR_MAX, TAU);
        policy.start(output(0.5)).learningRates()[0] = 1.0;
        policy.currentLearningRates()[0] = 1.0;
        assertEquals(LR_MAX, policy.currentLearningRates()[0]);
    }

    @Test
    void readingsAndDecisionsValidateTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> new HeadReadings(1.5, new double[] {NaN}));
        assertThrows(IllegalArgumentException.class, () -> new HeadReadings(NaN, new double[] {NaN}));
        assertThrows(IllegalArgumentException.class, () -> new HeadReadings(0.5, new double[] {-0.1, NaN}));
        assertThrows(IllegalArgumentException.class, () -> new HeadReadings(0.5, new double[] {0.4, 0.5}),
                "the output layer has no hidden head");
        assertThrows(IllegalArgumentException.class, () -> new HeadReadings(0.5, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new LrDecision(new double[] {-0.1}, false));
        assertThrows(IllegalArgumentException.class, () -> new LrDecision(new double[] {Double.POSITIVE_INFINITY}, false));
        assertThrows(IllegalArgumentException.class, () -> new LrDecision(null, false));
    }
}
