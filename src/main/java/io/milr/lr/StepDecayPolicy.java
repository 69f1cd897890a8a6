package io.milr.lr;

/** A baseline: the LR is multiplied by {@code factor} every {@code every} epochs, whatever the MI does. */
public final class StepDecayPolicy implements LearningRatePolicy {
    static final String KIND = "step-decay";

    private final double lr;
    private final int every;
    private final double factor;
    private final boolean[] trainable;
    private int epochsDone;

    public StepDecayPolicy(double lr, int every, double factor, boolean[] trainable) {
        if (every < 1 || !(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step decay needs every >= 1 and factor in (0, 1], found " + every + " and " + factor);
        }
        this.lr = lr;
        this.every = every;
        this.factor = factor;
        this.trainable = trainable.clone();
    }

    @Override
    public LrDecision start(HeadReadings beforeTraining) {
        epochsDone = 0;
        return decision(0, false);
    }

    /** The LR for epoch e + 1: lr * factor^floor(e / every). */
    @Override
    public LrDecision afterEpoch(int epoch, HeadReadings readings) {
        epochsDone = epoch;
        return decision(epoch, epoch % every == 0);
    }

    /** The LRs follow from the epoch alone; the state carries them to check that the settings are the same. */
    @Override
    public PolicyState state() {
        return PolicyState.baseline(KIND, epochsDone, decision(epochsDone, false).learningRates());
    }

    @Override
    public void restore(PolicyState state) {
        state.requireKind(KIND);
        state.requireRates(decision(state.epoch(), false).learningRates());
        epochsDone = state.epoch();
    }

    private LrDecision decision(int epochsDone, boolean decayed) {
        double rate = lr * Math.pow(factor, epochsDone / every);
        double[] rates = new double[trainable.length];
        for (int l = 0; l < rates.length; l++) {
            rates[l] = trainable[l] ? rate : Double.NaN;
        }
        return new LrDecision(rates, decayed);
    }
}
