package io.milr.heads;

import java.io.Serializable;

/**
 * A monitored "head": a layer whose prediction of the class is compared with the true label. The
 * output head reads the network's argmax; a hidden head reads the nearest class centroid of the
 * layer's activations (METHOD.md section 1).
 */
public record Head(String name, int layer, boolean output) implements Serializable {
    public static Head outputOf(int layer) {
        return new Head("output", layer, true);
    }

    public static Head hidden(int layer) {
        return new Head("layer" + layer, layer, false);
    }
}
