package io.milr.lr;

import java.util.Arrays;

/** A baseline: every trainable layer keeps one LR for the whole run, whatever the MI does. */
public final class FixedLrPolicy implements LearningRatePolicy {
    static final String KIND = "fixed";

    private final double[] rates;
    private int epochsDone;

    public FixedLrPolicy(double lr, boolean[] trainable) {
        this.rates = new double[trainable.length];
        for (int l = 0; l < trainable.length; l++) {
            rates[l] = trainable[l] ? lr : Double.NaN;
        }
    }

    @Override
    public LrDecision start(HeadReadings beforeTraining) {
        epochsDone = 0;
        return new LrDecision(rates, false);
    }

    @Override
    public LrDecision afterEpoch(int epoch, HeadReadings readings) {
        epochsDone = epoch;
        return new LrDecision(rates, false);
    }

    @Override
    public PolicyState state() {
        return PolicyState.baseline(KIND, epochsDone, rates);
    }

    @Override
    public void restore(PolicyState state) {
        state.requireKind(KIND);
        state.requireRates(rates);
        epochsDone = state.epoch();
    }

    @Override
    public String toString() {
        return "FixedLrPolicy" + Arrays.toString(rates);
    }
}
