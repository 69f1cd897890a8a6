package io.milr.heads;

import io.milr.lr.HeadAssignment;
import io.milr.lr.LrMode;
import io.milr.model.ModelSpec;
import io.milr.testing.CustomNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which layers carry heads: in layer mode every dense and convolution layer with parameters, and no other. */
class HeadLayoutTest {

    private static List<Integer> headLayers(HeadLayout layout) {
        return layout.heads().stream().map(Head::layer).toList();
    }

    @Test
    void theBuiltInNetworksHaveAHeadOnEveryParameterLayer() {
        MultiLayerNetwork mlp = ModelSpec.of("mlp", new int[] {50, 20}, "relu").build(28, 28, 10, 1, 0.1);
        assertEquals(List.of(0, 1, 2), headLayers(HeadLayout.of(mlp, LrMode.LAYER)));
        // conv, pool, conv, pool, dense, output
        MultiLayerNetwork cnn = ModelSpec.of("cnn", new int[0], "relu").build(28, 28, 10, 1, 0.1);
        assertEquals(List.of(0, 2, 4, 5), headLayers(HeadLayout.of(cnn, LrMode.LAYER)));
        assertEquals(List.of(5), headLayers(HeadLayout.of(cnn, LrMode.NETWORK)), "network mode: the output head only");
    }

    @Test
    void batchNormalizationHasParametersButNoHeadAndFollowsTheHeadAbove() {
        MultiLayerNetwork network = new MultiLayerNetwork(CustomNetworks.convBatchNorm(10));
        network.init();
        HeadLayout layout = HeadLayout.of(network, LrMode.LAYER);
        // conv1, bn1, relu1, pool1, conv2, bn2, relu2, pool2, dense, output
        assertArrayEquals(new boolean[] {true, true, false, false, true, true, false, false, true, true}, layout.trainable());
        assertEquals(List.of(0, 4, 8, 9), headLayers(layout));
        assertEquals(List.of("layer0", "layer4", "layer8", "output"), layout.heads().stream().map(Head::name).toList());
        assertArrayEquals(new int[] {0, 4, -1, -1, 4, 8, -1, -1, 8, 9},
                HeadAssignment.followedHead(layout.trainable(), layout.hasHiddenHead(), LrMode.LAYER));
    }
}
