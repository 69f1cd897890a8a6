package io.milr.lr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A policy restored from its state decides exactly what the policy that never stopped decides,
 * whichever epoch the state was taken after; a state that does not fit is refused and changes nothing.
 */
class PolicyStateTest {
    private static final double NaN = Double.NaN;
    /** Layers 0, 2 and 3 (the output) have parameters; 0 and 2 carry hidden heads in layer mode. */
    private static final boolean[] TRAINABLE = {true, false, true, true};
    private static final boolean[] HIDDEN_HEADS = {true, false, true, false};
    private static final MiLrSettings LAYER = new MiLrSettings(0.002, 0.2, 0.15, 0.01, LrMode.LAYER);

    /** Output rising, then stalling; hidden heads apart, so that layer mode gives each layer its own LR. */
    private static final double[][] READINGS = {
            {0.10, 0.30, 0.20}, {0.60, 0.50, 0.55}, {0.80, 0.62, 0.70}, {0.805, 0.64, 0.75},
            {0.809, 0.66, 0.77}, {0.95, 0.66, 0.79}, {0.951, 0.70, 0.80}};

    private static HeadReadings reading(int epoch) {
        double[] r = READINGS[epoch];
        return new HeadReadings(r[0], new double[] {r[1], NaN, r[2], NaN});
    }

    private static MiLrPolicy miLr() {
        return new MiLrPolicy(LAYER, TRAINABLE, HIDDEN_HEADS);
    }

    /** Runs {@code fresh} to the end, and for every epoch k a copy stopped after k and restored into a new policy. */
    private static void assertEveryStopPointContinuesIdentically(Supplier<LearningRatePolicy> fresh) {
        LearningRatePolicy uninterrupted = fresh.get();
        List<LrDecision> expected = new ArrayList<>();
        expected.add(uninterrupted.start(reading(0)));
        for (int e = 1; e < READINGS.length; e++) {
            expected.add(uninterrupted.afterEpoch(e, reading(e)));
        }
        for (int stop = 0; stop < READINGS.length; stop++) {
            LearningRatePolicy first = fresh.get();
            first.start(reading(0));
            for (int e = 1; e <= stop; e++) {
                first.afterEpoch(e, reading(e));
            }
            PolicyState state = first.state();
            assertEquals(stop, state.epoch());
            assertArrayEquals(expected.get(stop).learningRates(), state.learningRates(), 0.0, "LRs in force after " + stop);

            LearningRatePolicy resumed = fresh.get();
            resumed.restore(state);
            assertEquals(state, resumed.state(), "restored state after epoch " + stop);
            for (int e = stop + 1; e < READINGS.length; e++) {
                assertEquals(expected.get(e), resumed.afterEpoch(e, reading(e)), "epoch " + e + " after a stop at " + stop);
            }
        }
    }

    @Test
    void miLrContinuesIdenticallyFromEveryEpoch() {
        assertEveryStopPointContinuesIdentically(PolicyStateTest::miLr);
        LearningRatePolicy run = miLr();
        run.start(reading(0));
        for (int e = 1; e < READINGS.length; e++) {
            run.afterEpoch(e, reading(e));
        }
        double[] rates = run.state().learningRates();
        assertTrue(rates[0] > rates[2] && rates[2] > rates[3], "the readings make the layers' LRs differ: "
                + java.util.Arrays.toString(rates));
    }

    @Test
    void baselinesContinueIdenticallyFromEveryEpoch() {
        assertEveryStopPointContinuesIdentically(() -> new FixedLrPolicy(0.1, TRAINABLE));
        assertEveryStopPointContinuesIdentically(() -> new StepDecayPolicy(0.2, 2, 0.5, TRAINABLE));
    }

    @Test
    void aRollbackLoweredLrMaxIsPartOfTheState() {
        MiLrPolicy first = miLr();
        first.start(reading(0));
        first.afterEpoch(1, reading(1));
        first.afterDivergence(2).orElseThrow();
        first.afterDivergence(2).orElseThrow();
        first.afterEpoch(2, reading(2));
        PolicyState state = first.state();
        assertEquals(0.05, state.lrMax(), 1e-15);
        assertEquals(0.05, state.lrStart(), 1e-15, "lr.start capped by the lowered lr.max");

        MiLrPolicy resumed = miLr();
        resumed.restore(state);
        assertEquals(first.settings(), resumed.settings());
        for (int e = 3; e < READINGS.length; e++) {
            assertEquals(first.afterEpoch(e, reading(e)), resumed.afterEpoch(e, reading(e)));
        }
        assertEquals(first.afterDivergence(7), resumed.afterDivergence(7), "halves from the lowered lr.max");
    }

    @Test
    void aStateThatDoesNotFitIsRefusedAndChangesNothing() {
        MiLrPolicy source = miLr();
        source.start(reading(0));
        source.afterEpoch(1, reading(1));
        PolicyState good = source.state();
        double[] rates = good.learningRates();

        MiLrPolicy target = miLr();
        target.start(reading(0));
        PolicyState before = target.state();
        assertRefused(target, new PolicyState("fixed", 1, rates, NaN, NaN, NaN), "'fixed' policy, expected 'mi-lr'");
        assertRefused(target, new PolicyState("mi-lr", 1, rates, 0.6, 0.4, 0.15), "above the configured lr.max 0.2");
        assertRefused(target, new PolicyState("mi-lr", 1, new double[] {0.15, NaN, 0.15}, 0.6, 0.2, 0.15),
                "must have 4 entries");
        assertRefused(target, new PolicyState("mi-lr", 1, new double[] {0.15, 0.15, 0.15, 0.15}, 0.6, 0.2, 0.15),
                "learning rate of layer 1 must be NaN");
        assertRefused(target, new PolicyState("mi-lr", 1, new double[] {0.3, NaN, 0.15, 0.15}, 0.6, 0.2, 0.15),
                "learning rate of layer 0 must be in [lr.min, lr.max]");
        assertRefused(target, new PolicyState("mi-lr", 1, rates, NaN, 0.2, 0.15), "lastOutputMiNorm must be in [0, 1]");
        assertEquals(before, target.state(), "a refused state changes nothing");

        FixedLrPolicy fixed = new FixedLrPolicy(0.1, TRAINABLE);
        assertRefused(fixed, new PolicyState("fixed", 3, new double[] {0.05, NaN, 0.05, 0.05}, NaN, NaN, NaN),
                "are not this policy's [0.1, NaN, 0.1, 0.1] (were its settings changed?)");
        StepDecayPolicy step = new StepDecayPolicy(0.2, 2, 0.5, TRAINABLE);
        assertRefused(step, new PolicyState("step-decay", 4, new double[] {0.1, NaN, 0.1, 0.1}, NaN, NaN, NaN),
                "after epoch 4 are not this policy's [0.05, NaN, 0.05, 0.05]");
        assertThrows(IllegalArgumentException.class, () -> new PolicyState("mi-lr", -1, rates, 0.6, 0.2, 0.15));
        assertThrows(IllegalArgumentException.class, () -> new PolicyState("mi-lr", 1, new double[] {-0.1}, 0.6, 0.2, 0.15));
    }

    private static void assertRefused(LearningRatePolicy policy, PolicyState state, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.restore(state));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
