package io.milr.lr;

import java.util.Arrays;

/**
 * What a learning-rate policy needs to continue after a restart exactly as if it had never stopped,
 * taken right after an epoch's decision (checkpoints hold it). Class centroids are not part of it:
 * every measurement recomputes them from the current weights (METHOD.md section 1).
 *
 * @param kind             the policy that took it ({@code mi-lr}, {@code fixed}, {@code step-decay}); a state
 *                         restores into a policy of the same kind only
 * @param epoch            the epoch whose decision it follows (0: the start, decided before training)
 * @param learningRates    the LRs in force for the next epoch, one per layer, NaN for layers without parameters
 * @param lastOutputMiNorm MI-LR: the output head's reading after {@code epoch}, which the next epoch's
 *                         reading is compared with; NaN for the baselines
 * @param lrMax            MI-LR: lr.max in force (rollbacks halve it); NaN for the baselines
 * @param lrStart          MI-LR: lr.start in force (capped at a halved lr.max); NaN for the baselines
 */
public record PolicyState(String kind, int epoch, double[] learningRates, double lastOutputMiNorm, double lrMax,
                          double lrStart) {

    public PolicyState {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("kind must name the policy");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, found " + epoch);
        }
        // LrDecision checks each rate: a finite number >= 0, or NaN for a layer without parameters.
        learningRates = new LrDecision(learningRates, false).learningRates();
    }

    /** A baseline's state: its LRs, nothing else. */
    static PolicyState baseline(String kind, int epoch, double[] learningRates) {
        return new PolicyState(kind, epoch, learningRates, Double.NaN, Double.NaN, Double.NaN);
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    /** The LRs in force as the decision the next epoch trains with. */
    public LrDecision decision() {
        return new LrDecision(learningRates, false);
    }

    /** Refuses a state another kind of policy took. */
    void requireKind(String expected) {
        if (!kind.equals(expected)) {
            throw new IllegalArgumentException("the state is of a '" + kind + "' policy, expected '" + expected + "'");
        }
    }

    /** Refuses a state whose LRs are not the ones this policy decides at its epoch (a baseline's LRs follow from its settings). */
    void requireRates(double[] expected) {
        if (!Arrays.equals(learningRates, expected)) {
            throw new IllegalArgumentException("the state's learning rates " + Arrays.toString(learningRates)
                    + " after epoch " + epoch + " are not this policy's " + Arrays.toString(expected)
                    + " (were its settings changed?)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyState other && kind.equals(other.kind) && epoch == other.epoch
                && Arrays.equals(learningRates, other.learningRates)
                && Double.compare(lastOutputMiNorm, other.lastOutputMiNorm) == 0
                && Double.compare(lrMax, other.lrMax) == 0 && Double.compare(lrStart, other.lrStart) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + epoch) + Arrays.hashCode(learningRates);
    }

    @Override
    public String toString() {
        return "PolicyState[kind=" + kind + ", epoch=" + epoch + ", learningRates=" + Arrays.toString(learningRates)
                + ", lastOutputMiNorm=" + lastOutputMiNorm + ", lrMax=" + lrMax + ", lrStart=" + lrStart + "]";
    }
}
