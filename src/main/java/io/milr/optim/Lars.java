package io.milr.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.Objects;

/**
 * LARS (You, Gitman, Ginsburg 2017), the updater half: heavy-ball momentum on the trust-scaled
 * gradient, {@code v = momentum * v + lr * g'}, {@code w -= v}. ND4J updaters see only gradients,
 * never weights, so the layer-wise trust ratio that needs {@code ||w||} is applied just before this
 * updater by {@link LarsTrustRatio}, which DL4J runs per parameter array with the weights at hand.
 * Use both together: {@link OptimizerSpec#lars}.
 */
public final class Lars implements IUpdater {
    private double learningRate;
    private final double momentum;

    public Lars(@JsonProperty("learningRate") double learningRate, @JsonProperty("momentum") double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        LarsUpdater updater = new LarsUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        LarsUpdater updater = new LarsUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public Lars clone() {
        return new Lars(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("LARS takes a fixed global LR; milr sets it per epoch");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lars other && other.learningRate == learningRate && other.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "Lars(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
