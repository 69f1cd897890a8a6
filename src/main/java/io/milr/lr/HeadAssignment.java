package io.milr.lr;

/** Which head's normalised MI sets each layer's learning rate (METHOD.md section 3). */
public final class HeadAssignment {

    /** The entry of layers that have no learning rate. */
    public static final int NONE = -1;

    private HeadAssignment() {
    }

    /**
     * Per layer, the index of the layer whose head it follows; {@link #NONE} for layers without
     * trainable parameters. The last layer is the output layer and carries the output head, so
     * following index {@code numLayers - 1} means following the output head.
     */
    public static int[] followedHead(boolean[] trainable, boolean[] hasHiddenHead, LrMode mode) {
        requireLayout(trainable, hasHiddenHead, mode);
        int outputLayer = trainable.length - 1;
        int[] followed = new int[trainable.length];
        // Scanning downwards lets each layer inherit the nearest head above it in one pass.
        int nextHeadAbove = outputLayer;
        for (int l = outputLayer; l >= 0; l--) {
            if (mode == LrMode.LAYER && hasHiddenHead[l]) {
                nextHeadAbove = l;
            }
            followed[l] = trainable[l] ? nextHeadAbove : NONE;
        }
        return followed;
    }

    private static void requireLayout(boolean[] trainable, boolean[] hasHiddenHead, LrMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("lr.mode must be one of network, layer, found null");
        }
        if (trainable == null || hasHiddenHead == null || trainable.length == 0) {
            throw new IllegalArgumentException("trainable and hasHiddenHead must have one entry per layer");
        }
        if (trainable.length != hasHiddenHead.length) {
            throw new IllegalArgumentException("trainable has " + trainable.length + " layers but hasHiddenHead has "
                    + hasHiddenHead.length);
        }
        int outputLayer = trainable.length - 1;
        if (hasHiddenHead[outputLayer]) {
            throw new IllegalArgumentException("the last layer (" + outputLayer
                    + ") is the output layer and carries the output head; it cannot have a hidden head");
        }
    }
}
