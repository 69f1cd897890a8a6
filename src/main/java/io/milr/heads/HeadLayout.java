package io.milr.heads;

import io.milr.lr.LrMode;
import io.milr.model.CustomNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Which layers of a network are trainable and which carry heads. The output head is always there; in
 * layer mode every hidden dense or (2-D) convolution layer with parameters gets a head of its own. Other
 * parameter layers (batch normalization, for one) have none: their LR follows the next head above
 * (METHOD.md section 3, {@link io.milr.lr.HeadAssignment}).
 */
public record HeadLayout(boolean[] trainable, List<Head> heads) {
    public HeadLayout {
        trainable = trainable.clone();
        heads = List.copyOf(heads);
    }

    public static HeadLayout of(MultiLayerNetwork network, LrMode mode) {
        int layers = network.getnLayers();
        boolean[] trainable = new boolean[layers];
        List<Head> heads = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            trainable[i] = network.getLayer(i).numParams() > 0;
            if (mode == LrMode.LAYER && trainable[i] && i < layers - 1
                    && CustomNetwork.hasHead(network.getLayerWiseConfigurations().getConf(i).getLayer())) {
                heads.add(Head.hidden(i));
            }
        }
        heads.add(Head.outputOf(layers - 1));
        return new HeadLayout(trainable, heads);
    }

    @Override
    public boolean[] trainable() {
        return trainable.clone();
    }

    public int layerCount() {
        return trainable.length;
    }

    public Head outputHead() {
        return heads.get(heads.size() - 1);
    }

    public List<Head> hiddenHeads() {
        // A copy, not a view: heads are shipped to executors inside Spark closures.
        return List.copyOf(heads.subList(0, heads.size() - 1));
    }

    /** Per layer: whether it carries a hidden head (as {@link io.milr.lr.MiLrPolicy} expects). */
    public boolean[] hasHiddenHead() {
        boolean[] has = new boolean[trainable.length];
        hiddenHeads().forEach(h -> has[h.layer()] = true);
        return has;
    }
}
