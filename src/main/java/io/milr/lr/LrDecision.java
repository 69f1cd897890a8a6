package io.milr.lr;

import java.util.Arrays;

/**
 * The learning rates to use for the next epoch.
 *
 * @param learningRates one entry per layer; NaN for layers without trainable parameters
 * @param stalled       whether the output head stalled this epoch, so the exploit (decay) branch ran
 */
public record LrDecision(double[] learningRates, boolean stalled) {

    public LrDecision {
        if (learningRates == null) {
            throw new IllegalArgumentException("learningRates must not be null");
        }
        learningRates = learningRates.clone();
        for (int l = 0; l < learningRates.length; l++) {
            double lr = learningRates[l];
            // 0 is allowed: it freezes a layer, which other policies (and the tests) use.
            if (!Double.isNaN(lr) && !(lr >= 0 && Double.isFinite(lr))) {
                throw new IllegalArgumentException("learning rate of layer " + l
                        + " must be a finite number >= 0 or NaN (no parameters), found " + lr);
            }
        }
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    /** The learning rate of {@code layer}, NaN when it has no trainable parameters. */
    public double learningRate(int layer) {
        return learningRates[layer];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LrDecision other
                && stalled == other.stalled
                && Arrays.equals(learningRates, other.learningRates);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(learningRates) + Boolean.hashCode(stalled);
    }

    @Override
    public String toString() {
        return "LrDecision[learningRates=" + Arrays.toString(learningRates) + ", stalled=" + stalled + "]";
    }
}
