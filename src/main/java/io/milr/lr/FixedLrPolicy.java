package io.milr.lr;

import java.util.Arrays;

/** A baseline: every trainable layer keeps one LR for the whole run, whatever the MI does. */
public final class FixedLrPolicy implements LearningRatePolicy {
    private final double[] rates;

    public FixedLrPolicy(double lr, boolean[] trainable) {
        this.rates = new double[trainable.length];
        for (int l = 0; l < trainable.length; l++) {
            rates[l] = trainable[l] ? lr : Double.NaN;
        }
    }

    @Override
    public LrDecision start(HeadReadings beforeTraining) {
        return new LrDecision(rates, false);
    }

    @Override
    public LrDecision afterEpoch(int epoch, HeadReadings readings) {
        return new LrDecision(rates, false);
    }

    @Override
    public String toString() {
        return "FixedLrPolicy" + Arrays.toString(rates);
    }
}
