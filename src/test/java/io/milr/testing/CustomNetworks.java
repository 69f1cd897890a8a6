package io.milr.testing;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small user-written networks for model=custom, built as a DL4J user builds them (with Adam, which milr
 * replaces), for 28x28 MNIST images.
 */
public final class CustomNetworks {
    private CustomNetworks() {
    }

    /**
     * Two convolution-batchnorm-ReLU-pool blocks, a dense layer and the softmax output: layers 0 conv1,
     * 1 bn1, 2 relu1, 3 pool1, 4 conv2, 5 bn2, 6 relu2, 7 pool2, 8 dense, 9 output; 6 parameter layers.
     */
    public static MultiLayerConfiguration convBatchNorm(int outputs) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-3)).list();
        int[] channels = {4, 8};
        for (int i = 0; i < channels.length; i++) {
            b.layer(new ConvolutionLayer.Builder(3, 3).name("conv" + (i + 1)).nOut(channels[i])
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build());
            b.layer(new BatchNormalization.Builder().name("bn" + (i + 1)).build());
            b.layer(new ActivationLayer.Builder().name("relu" + (i + 1)).activation(Activation.RELU).build());
            b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool" + (i + 1))
                    .kernelSize(2, 2).stride(2, 2).build());
        }
        b.layer(new DenseLayer.Builder().name("dense").nOut(16).activation(Activation.RELU).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(outputs)
                .activation(Activation.SOFTMAX).build());
        b.setInputType(InputType.convolutionalFlat(28, 28, 1));
        return b.build();
    }

    /** A dense network for {@code inputs} features, its output layer as given. */
    public static MultiLayerConfiguration dense(int inputs, OutputLayer output) {
        return new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().name("hidden").nOut(32).activation(Activation.RELU).build())
                .layer(output)
                .setInputType(InputType.feedForward(inputs))
                .build();
    }

    public static OutputLayer softmaxOutput(int units) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nOut(units)
                .activation(Activation.SOFTMAX).build();
    }

    public static Path write(Path file, MultiLayerConfiguration conf) {
        return write(file, conf.toJson());
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
