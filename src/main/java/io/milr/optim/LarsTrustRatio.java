package io.milr.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LARS's layer-wise trust ratio, applied to each parameter array before the {@link Lars} updater:
 * {@code g' = trust * ||w|| / ||g + weightDecay * w|| * (g + weightDecay * w)}. A zero norm (fresh
 * biases, or a zero gradient) leaves the ratio at 1, as common LARS implementations do.
 * DL4J calls regularizations with both the weights and the gradient, which updaters never see.
 */
public final class LarsTrustRatio implements Regularization {
    private final double trust;
    private final double weightDecay;

    public LarsTrustRatio(@JsonProperty("trust") double trust, @JsonProperty("weightDecay") double weightDecay) {
        this.trust = trust;
        this.weightDecay = weightDecay;
    }

    public double getTrust() {
        return trust;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.BEFORE_UPDATER;
    }

    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        if (weightDecay != 0) {
            gradView.addi(param.mul(weightDecay));
        }
        double weightNorm = param.norm2Number().doubleValue();
        double gradientNorm = gradView.norm2Number().doubleValue();
        double ratio = weightNorm > 0 && gradientNorm > 0 ? trust * weightNorm / gradientNorm : 1.0;
        gradView.muli(ratio);
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        double norm = param.norm2Number().doubleValue();
        return 0.5 * weightDecay * norm * norm;
    }

    @Override
    public LarsTrustRatio clone() {
        return new LarsTrustRatio(trust, weightDecay);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LarsTrustRatio other && other.trust == trust && other.weightDecay == weightDecay;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(trust) * 31 + Double.hashCode(weightDecay);
    }
}
