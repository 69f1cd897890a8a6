package io.milr.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

import java.util.Map;

/** The momentum state of {@link Lars}: turns the (trust-scaled) gradient into the update, in place. */
final class LarsUpdater implements GradientUpdater<Lars> {
    static final String VELOCITY = "V";

    private final Lars config;
    private INDArray velocity;

    LarsUpdater(Lars config) {
        this.config = config;
    }

    @Override
    public Lars getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(VELOCITY) || stateMap.size() != 1) {
            throw new IllegalStateException("LARS state holds exactly [" + VELOCITY + "], found " + stateMap.keySet());
        }
        velocity = stateMap.get(VELOCITY);
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (velocity == null) {
            throw new IllegalStateException("cannot view the LARS state with the gradient's shape");
        }
    }

    /** v = momentum * v + lr * g; then the gradient array becomes the update v (DL4J subtracts it). */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        velocity.muli(config.getMomentum()).addi(gradient.mul(config.getLearningRate(iteration, epoch)));
        gradient.assign(velocity);
    }
}
