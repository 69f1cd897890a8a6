package io.milr.lr;

import java.util.Arrays;

/**
 * One measurement of every head's normalised MI.
 *
 * @param outputMiNorm        the output head's normalised MI, in [0, 1]
 * @param hiddenMiNormByLayer one entry per network layer: that layer's hidden head reading in [0, 1],
 *                            or NaN where the layer has no hidden head (always NaN for the last,
 *                            output, layer, whose head is {@code outputMiNorm})
 */
public record HeadReadings(double outputMiNorm, double[] hiddenMiNormByLayer) {

    public HeadReadings {
        if (!(outputMiNorm >= 0 && outputMiNorm <= 1)) {
            throw new IllegalArgumentException("outputMiNorm must be in [0, 1], found " + outputMiNorm);
        }
        if (hiddenMiNormByLayer == null || hiddenMiNormByLayer.length == 0) {
            throw new IllegalArgumentException("hiddenMiNormByLayer must have one entry per layer, found "
                    + (hiddenMiNormByLayer == null ? "null" : "none"));
        }
        hiddenMiNormByLayer = hiddenMiNormByLayer.clone();
        int last = hiddenMiNormByLayer.length - 1;
        for (int l = 0; l < last; l++) {
            double reading = hiddenMiNormByLayer[l];
            if (!Double.isNaN(reading) && !(reading >= 0 && reading <= 1)) {
                throw new IllegalArgumentException("hidden head reading of layer " + l
                        + " must be in [0, 1] or NaN (no head), found " + reading);
            }
        }
        if (!Double.isNaN(hiddenMiNormByLayer[last])) {
            throw new IllegalArgumentException("the last layer (" + last + ") is the output layer and has no hidden"
                    + " head: its entry must be NaN, found " + hiddenMiNormByLayer[last]);
        }
    }

    /** Readings of the output head alone (network mode) for a network of {@code numLayers} layers. */
    public static HeadReadings outputOnly(double outputMiNorm, int numLayers) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("numLayers must be at least 1, found " + numLayers);
        }
        double[] none = new double[numLayers];
        Arrays.fill(none, Double.NaN);
        return new HeadReadings(outputMiNorm, none);
    }

    @Override
    public double[] hiddenMiNormByLayer() {
        return hiddenMiNormByLayer.clone();
    }

    public int numLayers() {
        return hiddenMiNormByLayer.length;
    }

    /** The hidden head reading of {@code layer}, NaN when it has none. */
    public double hiddenMiNorm(int layer) {
        return hiddenMiNormByLayer[layer];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadReadings other
                && Double.compare(outputMiNorm, other.outputMiNorm) == 0
                && Arrays.equals(hiddenMiNormByLayer, other.hiddenMiNormByLayer);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(outputMiNorm) + Arrays.hashCode(hiddenMiNormByLayer);
    }

    @Override
    public String toString() {
        return "HeadReadings[outputMiNorm=" + outputMiNorm + ", hiddenMiNormByLayer="
                + Arrays.toString(hiddenMiNormByLayer) + "]";
    }
}
