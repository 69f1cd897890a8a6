package io.milr.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which network to train, as the configuration names it. Builds a DL4J network for square or
 * rectangular single-channel images flattened to {@code rows * cols} features. All layers start with
 * plain SGD at the same LR; the MI policy then sets each layer's LR.
 */
public record ModelSpec(String name, int[] hidden, Activation activation) {
    public static final String MLP = "mlp";
    public static final String CNN = "cnn";
    /** The user's own network ({@link CustomNetwork}): model.config and/or model.init say what it is. */
    public static final String CUSTOM = "custom";
    /** The smallest image side the cnn takes: two 5x5 convolutions and two 2x2 poolings leave 1x1 of 16x16. */
    public static final int CNN_MIN_SIZE = 16;

    public ModelSpec {
        if (!name.equals(MLP) && !name.equals(CNN) && !name.equals(CUSTOM)) {
            throw new IllegalArgumentException("unknown model '" + name + "'");
        }
        hidden = hidden.clone();
    }

    public static ModelSpec of(String name, int[] hidden, String activation) {
        return new ModelSpec(name.toLowerCase(Locale.ROOT), hidden, parseActivation(activation));
    }

    private static Activation parseActivation(String name) {
        try {
            return Activation.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model.activation '" + name + "' is not one of relu, tanh, sigmoid, leakyrelu, elu");
        }
    }

    /** Whether the cnn's layers fit images of {@code height x width}. */
    public static boolean cnnFits(int height, int width) {
        return height >= CNN_MIN_SIZE && width >= CNN_MIN_SIZE;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** With plain SGD at {@code learningRate}, as MI-LR trains. */
    public MultiLayerNetwork build(int rows, int cols, int numClasses, long seed, double learningRate) {
        return build(rows, cols, numClasses, seed, new Sgd(learningRate), List.of());
    }

    public MultiLayerNetwork build(int rows, int cols, int numClasses, long seed, IUpdater updater,
                                   List<Regularization> regularization) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(rows, cols, numClasses, seed, updater, regularization));
        network.init();
        return network;
    }

    public boolean isCustom() {
        return name.equals(CUSTOM);
    }

    MultiLayerConfiguration configuration(int rows, int cols, int numClasses, long seed, IUpdater updater,
                                          List<Regularization> regularization) {
        if (isCustom()) {
            throw new IllegalStateException("model=custom is built by CustomNetwork, from model.config or model.init");
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .list();
        if (name.equals(MLP)) {
            for (int size : hidden) {
                layers.layer(new DenseLayer.Builder().nOut(size).activation(activation).build());
            }
        } else {
            lenet(layers);
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses).activation(Activation.SOFTMAX).build());
        layers.setInputType(name.equals(MLP)
                ? InputType.feedForward((long) rows * cols)
                : InputType.convolutionalFlat(rows, cols, 1));
        return withRegularization(layers.build(), regularization);
    }

    /**
     * Sets the regularization on every parameter layer after the build: DL4J 1.0.0-M2 validates the
     * layers twice and appends a global regularization that is neither L1 nor L2 each time, so the
     * builder's {@code regularization(...)} would apply it twice per step.
     */
    private static MultiLayerConfiguration withRegularization(MultiLayerConfiguration conf, List<Regularization> regularization) {
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            if (layer.getLayer() instanceof BaseLayer parameterLayer) {
                parameterLayer.setRegularization(new ArrayList<>(regularization));
                parameterLayer.setRegularizationBias(new ArrayList<>(regularization));
            }
        }
        return conf;
    }

    /** LeNet-5 shape: two 5x5 convolutions with max pooling, then a dense layer of 500. */
    private static void lenet(NeuralNetConfiguration.ListBuilder layers) {
        layers.layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build());
    }

    @Override
    public String toString() {
        return switch (name) {
            case MLP -> "mlp " + Arrays.toString(hidden) + " " + activation;
            case CNN -> "cnn (LeNet-like)";
            default -> "custom network";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec other && name.equals(other.name) && Arrays.equals(hidden, other.hidden)
                && activation == other.activation;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(hidden);
    }
}
