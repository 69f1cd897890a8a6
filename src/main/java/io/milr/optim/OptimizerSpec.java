package io.milr.optim;

import io.milr.lr.FixedLrPolicy;
import io.milr.lr.LearningRatePolicy;
import io.milr.lr.MiLrPolicy;
import io.milr.lr.MiLrSettings;
import io.milr.lr.StepDecayPolicy;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.List;

/**
 * An optimiser with its settings: which ND4J updater (and regularization) the network is built
 * with, and which policy sets the LRs each epoch. MI-LR is plain SGD driven by {@link MiLrPolicy};
 * the baselines keep their LR fixed or decay it on a schedule.
 */
public record OptimizerSpec(Optimizer kind, double lr, int stepEvery, double stepFactor, double momentum,
                            double weightDecay, double trust) {

    /** The LR the network starts with. */
    public double startLr(MiLrSettings miLr) {
        return kind == Optimizer.MI_LR ? miLr.lrStart() : lr;
    }

    public IUpdater updater(double startLr) {
        return switch (kind) {
            case MI_LR, SGD, SGD_STEP -> new Sgd(startLr);
            case ADAM -> new Adam(startLr);
            case RMSPROP -> new RmsProp(startLr);
            case LARS -> new Lars(startLr, momentum);
        };
    }

    public List<Regularization> regularization() {
        return kind == Optimizer.LARS ? List.of(new LarsTrustRatio(trust, weightDecay)) : List.of();
    }

    public LearningRatePolicy policy(MiLrSettings miLr, boolean[] trainable, boolean[] hasHiddenHead) {
        return switch (kind) {
            case MI_LR -> new MiLrPolicy(miLr, trainable, hasHiddenHead);
            case SGD_STEP -> new StepDecayPolicy(lr, stepEvery, stepFactor, trainable);
            case SGD, ADAM, RMSPROP, LARS -> new FixedLrPolicy(lr, trainable);
        };
    }
}
