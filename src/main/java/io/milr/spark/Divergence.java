package io.milr.spark;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An epoch that ended with a NaN or infinite mean training loss or network parameter, and the
 * learning rates it was trained with (NaN for layers without parameters).
 */
public record Divergence(int epoch, double trainLoss, long nonFiniteParameters, long parameters,
                         double[] learningRates) {

    public Divergence {
        learningRates = learningRates.clone();
    }

    /** The divergence of {@code network} after {@code epoch}, if its loss or any parameter is not finite. */
    static Optional<Divergence> of(int epoch, double trainLoss, MultiLayerNetwork network, double[] learningRates) {
        float[] params = network.params().reshape(network.params().length()).toFloatVector();
        long nonFinite = 0;
        for (float p : params) {
            if (!Float.isFinite(p)) {
                nonFinite++;
            }
        }
        if (nonFinite == 0 && Double.isFinite(trainLoss)) {
            return Optional.empty();
        }
        return Optional.of(new Divergence(epoch, trainLoss, nonFinite, params.length, learningRates));
    }

    @Override
    public double[] learningRates() {
        return learningRates.clone();
    }

    /** What went wrong, e.g. {@code loss NaN} or {@code loss 2.3026, 1024 of 535818 parameters NaN or infinite}. */
    public String symptoms() {
        String loss = Double.isFinite(trainLoss) ? String.format(Locale.ROOT, "loss %.4g", trainLoss)
                : "loss " + trainLoss;
        return nonFiniteParameters == 0 ? loss
                : loss + ", " + nonFiniteParameters + " of " + parameters + " parameters NaN or infinite";
    }

    /** The learning rates of the layers with parameters: one number when they are all the same. */
    public String learningRatesText() {
        double[] rates = Arrays.stream(learningRates).filter(r -> !Double.isNaN(r)).toArray();
        if (Arrays.stream(rates).distinct().count() == 1) {
            return format(rates[0]);
        }
        return Arrays.stream(rates).mapToObj(Divergence::format).collect(Collectors.joining(" ")) + " (per layer)";
    }

    private static String format(double rate) {
        return String.format(Locale.ROOT, "%.3g", rate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Divergence other && epoch == other.epoch
                && Double.compare(trainLoss, other.trainLoss) == 0 && nonFiniteParameters == other.nonFiniteParameters
                && parameters == other.parameters && Arrays.equals(learningRates, other.learningRates);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * epoch + Double.hashCode(trainLoss)) + Arrays.hashCode(learningRates);
    }
}
