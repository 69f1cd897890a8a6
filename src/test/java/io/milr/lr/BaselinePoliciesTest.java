package io.milr.lr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselinePoliciesTest {
    private static final boolean[] TRAINABLE = {true, false, true};
    private static final HeadReadings ANY = HeadReadings.outputOnly(0.5, 3);

    @Test
    void fixedKeepsOneRateForTrainableLayers() {
        FixedLrPolicy fixed = new FixedLrPolicy(0.1, TRAINABLE);
        assertArrayEquals(new double[]{0.1, Double.NaN, 0.1}, fixed.start(ANY).learningRates());
        assertArrayEquals(new double[]{0.1, Double.NaN, 0.1}, fixed.afterEpoch(7, ANY).learningRates());
    }

    @Test
    void stepDecayMultipliesEveryFewEpochs() {
        StepDecayPolicy step = new StepDecayPolicy(0.2, 3, 0.5, TRAINABLE);
        assertEquals(0.2, step.start(ANY).learningRate(0));
        assertEquals(0.2, step.afterEpoch(2, ANY).learningRate(0), "epoch 3 still at the start LR");
        assertEquals(0.1, step.afterEpoch(3, ANY).learningRate(2), 1e-15, "epoch 4 after one decay");
        assertEquals(0.05, step.afterEpoch(6, ANY).learningRate(0), 1e-15);
        assertEquals(true, step.afterEpoch(6, ANY).stalled());
    }
}
