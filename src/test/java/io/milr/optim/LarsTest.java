package io.milr.optim;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LARS steps on a one-layer network against the same steps computed by hand. */
class LarsTest {
    private static final double LR = 0.5;
    private static final double MOMENTUM = 0.9;
    private static final double TRUST = 0.01;
    private static final double DECAY = 0.1;

    private static MultiLayerConfiguration configuration() {
        LarsTrustRatio ratio = new LarsTrustRatio(TRUST, DECAY);
        return new NeuralNetConfiguration.Builder().seed(1)
                .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .updater(new Lars(LR, MOMENTUM))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(2)
                        .regularization(List.of(ratio)).regularizationBias(List.of(ratio)).build())
                .build();
    }

    @Test
    void twoStepsMatchTheTrustRatioAndMomentumComputedByHand() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        net.setParams(Nd4j.create(new double[]{0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.05, -0.1}, new long[]{1, 8}));
        DataSet example = new DataSet(Nd4j.create(new double[][]{{1.0, 2.0, -1.0}}), Nd4j.create(new double[][]{{0.5, -1.0}}));

        double[] w = net.params().toDoubleVector();
        double[] velocity = new double[w.length];
        for (int step = 0; step < 2; step++) {
            double[] g = gradientAt(w, example);
            // W is params 0..5 (3x2), b is params 6..7: the trust ratio is per parameter array.
            double[] expected = w.clone();
            larsStep(expected, g, velocity, 0, 6);
            larsStep(expected, g, velocity, 6, 8);
            net.fit(example);
            assertArrayEquals(expected, net.params().toDoubleVector(), 1e-12, "LARS step " + (step + 1));
            w = expected;
        }
    }

    /** v = m v + lr * trust * ||w|| / ||g + d w|| * (g + d w); w -= v, over params [from, to). */
    private static void larsStep(double[] w, double[] g, double[] v, int from, int to) {
        double[] u = new double[to - from];
        double wNorm = 0;
        double uNorm = 0;
        for (int i = from; i < to; i++) {
            u[i - from] = g[i] + DECAY * w[i];
            wNorm += w[i] * w[i];
            uNorm += u[i - from] * u[i - from];
        }
        double ratio = TRUST * Math.sqrt(wNorm) / Math.sqrt(uNorm);
        for (int i = from; i < to; i++) {
            v[i] = MOMENTUM * v[i] + LR * ratio * u[i - from];
            w[i] -= v[i];
        }
    }

    /** The plain loss gradient at w, from a network without any updater logic. */
    private static double[] gradientAt(double[] w, DataSet example) {
        MultiLayerNetwork probe = new MultiLayerNetwork(configuration());
        probe.init();
        probe.setParams(Nd4j.create(w, new long[]{1, w.length}));
        probe.setInput(example.getFeatures());
        probe.setLabels(example.getLabels());
        probe.computeGradientAndScore();
        return probe.gradient().gradient().toDoubleVector();
    }

    @Test
    void survivesTheJsonRoundTripOfModelFiles() {
        MultiLayerConfiguration conf = configuration();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
    }

    /** The networks milr builds carry the trust ratio exactly once per parameter array (DL4J would add it twice). */
    @Test
    void networksFromModelSpecApplyTheTrustRatioOnce() {
        var spec = new OptimizerSpec(Optimizer.LARS, 1.0, 3, 0.3, 0.9, 5e-4, 1e-3);
        MultiLayerNetwork net = io.milr.model.ModelSpec.of("mlp", new int[]{8}, "relu")
                .build(4, 4, 3, 1, spec.updater(1.0), spec.regularization());
        for (int l = 0; l < net.getnLayers(); l++) {
            var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayer(l).conf().getLayer();
            assertEquals(List.of(new LarsTrustRatio(1e-3, 5e-4)), layer.getRegularizationByParam("W"));
            assertEquals(List.of(new LarsTrustRatio(1e-3, 5e-4)), layer.getRegularizationByParam("b"));
        }
    }
}
