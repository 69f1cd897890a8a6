package io.milr.lr;

import java.util.Arrays;
import java.util.Optional;

/**
 * The MI learning-rate rule of METHOD.md section 3. After each epoch, if the output head's
 * normalised MI rose by less than the threshold (a stall), every trainable layer's learning rate
 * moves down to {@code lrMin + (lrMax - lrMin) * (1 - g)}, g being the reading of the head the
 * layer follows; otherwise every learning rate stays. A learning rate never rises.
 *
 * <p>Mutable and meant for the driver's epoch loop only; not thread-safe.
 */
public final class MiLrPolicy implements LearningRatePolicy {
    static final String KIND = "mi-lr";

    /** The settings it was built with: a restored lr.max may be lower (after rollbacks), never higher. */
    private final MiLrSettings configured;
    private MiLrSettings settings;
    private final int[] followedHead;
    private final double[] learningRates;
    /** m_{e-1}: the output head's reading one epoch ago; NaN until {@link #start}. */
    private double previousOutputMiNorm = Double.NaN;
    /** The epoch of the last decision: 0 after {@link #start}. */
    private int epochsDone;

    public MiLrPolicy(MiLrSettings settings, boolean[] trainable, boolean[] hasHiddenHead) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.configured = settings;
        this.settings = settings;
        this.followedHead = HeadAssignment.followedHead(trainable, hasHiddenHead, settings.mode());
        if (Arrays.stream(followedHead).allMatch(j -> j == HeadAssignment.NONE)) {
            throw new IllegalArgumentException("no layer has trainable parameters: there is no learning rate to set");
        }
        this.learningRates = new double[followedHead.length];
        resetToStart();
    }

    /**
     * A policy continuing from a checkpoint: {@code learningRates} are the current rates (NaN for
     * layers without parameters) and {@code lastOutputMiNorm} is the output head's latest reading.
     */
    public static MiLrPolicy resume(MiLrSettings settings, boolean[] trainable, boolean[] hasHiddenHead,
                                    double[] learningRates, double lastOutputMiNorm) {
        MiLrPolicy policy = new MiLrPolicy(settings, trainable, hasHiddenHead);
        policy.restoreRates(learningRates, lastOutputMiNorm, settings);
        return policy;
    }

    @Override
    public LrDecision start(HeadReadings beforeTraining) {
        requireLayerCount(beforeTraining);
        resetToStart();
        previousOutputMiNorm = beforeTraining.outputMiNorm();
        epochsDone = 0;
        return new LrDecision(learningRates, false);
    }

    @Override
    public LrDecision afterEpoch(int epoch, HeadReadings readings) {
        if (Double.isNaN(previousOutputMiNorm)) {
            throw new IllegalStateException("start() must be called, with the readings before training, before afterEpoch()");
        }
        requireLayerCount(readings);
        boolean stalled = readings.outputMiNorm() - previousOutputMiNorm < settings.threshold();
        if (stalled) {
            decay(followedReadings(epoch, readings));
        }
        previousOutputMiNorm = readings.outputMiNorm();
        epochsDone = epoch;
        return new LrDecision(learningRates, stalled);
    }

    /** The rates, the reading the next one is compared with, and the bounds in force (a rollback lowers lr.max). */
    @Override
    public PolicyState state() {
        if (Double.isNaN(previousOutputMiNorm)) {
            throw new IllegalStateException("start() must be called before the policy has a state to continue from");
        }
        return new PolicyState(KIND, epochsDone, learningRates, previousOutputMiNorm, settings.lrMax(),
                settings.lrStart());
    }

    @Override
    public void restore(PolicyState state) {
        state.requireKind(KIND);
        if (!(state.lrMax() <= configured.lrMax())) {
            throw new IllegalArgumentException("lr.max in force " + state.lrMax() + " is above the configured lr.max "
                    + configured.lrMax() + "; a rollback only ever lowers it");
        }
        MiLrSettings inForce = new MiLrSettings(configured.lrMin(), state.lrMax(), state.lrStart(),
                configured.threshold(), configured.mode());
        restoreRates(state.learningRates(), state.lastOutputMiNorm(), inForce);
        settings = inForce;
        epochsDone = state.epoch();
    }

    /**
     * Halves lr.max (lr.start too, if it was above the new bound) and caps every learning rate at the
     * new lr.max; the MI reading to compare the next epoch with stays the last good epoch's. Empty
     * once halving would reach lr.min.
     */
    @Override
    public Optional<LrDecision> afterDivergence(int epoch) {
        double lowered = settings.lrMax() / 2;
        if (!(lowered > settings.lrMin())) {
            return Optional.empty();
        }
        settings = new MiLrSettings(settings.lrMin(), lowered, Math.min(settings.lrStart(), lowered),
                settings.threshold(), settings.mode());
        for (int l = 0; l < learningRates.length; l++) {
            if (isTrainable(l)) {
                learningRates[l] = Math.min(learningRates[l], lowered);
            }
        }
        return Optional.of(new LrDecision(learningRates, false));
    }

    /** The learning rates now in force, one per layer (NaN for layers without parameters). */
    public double[] currentLearningRates() {
        return learningRates.clone();
    }

    /** m_{e-1}: the output head's latest reading, NaN before {@link #start}. */
    public double previousOutputMiNorm() {
        return previousOutputMiNorm;
    }

    /** The settings in force: lr.max is lower than configured after {@link #afterDivergence}. */
    public MiLrSettings settings() {
        return settings;
    }

    /** Per layer, the index of the layer whose head it follows ({@link HeadAssignment#NONE} if none). */
    public int[] followedHeads() {
        return followedHead.clone();
    }

    private void decay(double[] g) {
        double range = settings.lrMax() - settings.lrMin();
        for (int l = 0; l < learningRates.length; l++) {
            if (isTrainable(l)) {
                double candidate = settings.lrMin() + range * (1 - g[l]);
                learningRates[l] = Math.max(settings.lrMin(), Math.min(learningRates[l], candidate));
            }
        }
    }

    // Hidden readings are only needed on a stall, so a driver may skip measuring them otherwise;
    // all are gathered before any rate changes, so a missing one leaves the policy untouched.
    private double[] followedReadings(int epoch, HeadReadings readings) {
        int outputLayer = learningRates.length - 1;
        double[] g = new double[learningRates.length];
        Arrays.fill(g, Double.NaN);
        for (int l = 0; l < g.length; l++) {
            int head = followedHead[l];
            if (head == HeadAssignment.NONE) {
                continue;
            }
            g[l] = head == outputLayer ? readings.outputMiNorm() : readings.hiddenMiNorm(head);
            if (Double.isNaN(g[l])) {
                throw new IllegalArgumentException("epoch " + epoch + ": layer " + l + " follows the hidden head of layer "
                        + head + ", but that head's reading is NaN (not measured)");
            }
        }
        return g;
    }

    /** Checks everything before changing anything, so that a refused state leaves the policy as it was. */
    private void restoreRates(double[] rates, double lastOutputMiNorm, MiLrSettings bounds) {
        if (rates == null || rates.length != learningRates.length) {
            throw new IllegalArgumentException("learningRates must have " + learningRates.length + " entries, found "
                    + (rates == null ? "null" : rates.length));
        }
        for (int l = 0; l < rates.length; l++) {
            boolean valid = isTrainable(l)
                    ? rates[l] >= bounds.lrMin() && rates[l] <= bounds.lrMax()
                    : Double.isNaN(rates[l]);
            if (!valid) {
                throw new IllegalArgumentException("learning rate of layer " + l + " must be "
                        + (isTrainable(l) ? "in [lr.min, lr.max] = [" + bounds.lrMin() + ", " + bounds.lrMax() + "]"
                        : "NaN (no trainable parameters)") + ", found " + rates[l]);
            }
        }
        if (!(lastOutputMiNorm >= 0 && lastOutputMiNorm <= 1)) {
            throw new IllegalArgumentException("lastOutputMiNorm must be in [0, 1], found " + lastOutputMiNorm);
        }
        System.arraycopy(rates, 0, learningRates, 0, rates.length);
        previousOutputMiNorm = lastOutputMiNorm;
    }

    private void resetToStart() {
        for (int l = 0; l < learningRates.length; l++) {
            learningRates[l] = isTrainable(l) ? settings.lrStart() : Double.NaN;
        }
    }

    private boolean isTrainable(int layer) {
        return followedHead[layer] != HeadAssignment.NONE;
    }

    private void requireLayerCount(HeadReadings readings) {
        if (readings == null) {
            throw new IllegalArgumentException("readings must not be null");
        }
        if (readings.numLayers() != learningRates.length) {
            throw new IllegalArgumentException("readings cover " + readings.numLayers() + " layers, but the network has "
                    + learningRates.length);
        }
    }
}
