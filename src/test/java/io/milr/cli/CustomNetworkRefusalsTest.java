package io.milr.cli;

import io.milr.testing.CustomNetworks;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static io.milr.testing.CustomNetworks.dense;
import static io.milr.testing.CustomNetworks.softmaxOutput;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * model=custom refused before Spark starts, in one line naming the key, the file, the layer (index,
 * type and name) and what it has against what the data need; no run directory is created. The data
 * are the MNIST files (784 features, 28x28 images, 10 classes), known by their headers.
 */
class CustomNetworkRefusalsTest {
    @TempDir
    Path dir;

    private Path json(String name, MultiLayerConfiguration conf) {
        return CustomNetworks.write(dir.resolve(name), conf);
    }

    private void assertRefused(String message, String... sets) {
        Path out = dir.resolve("run");
        String[] args = Stream.concat(Stream.of("train", "--out", out.toString()),
                Arrays.stream(sets).flatMap(s -> Stream.of("--set", s))).toArray(String[]::new);
        Refusal.of(args).assertUserError(message);
        assertFalse(Files.exists(out), "no run directory");
    }

    private void assertConfigRefused(Path config, String problem) {
        assertRefused("Configuration key 'model.config' = '" + config + "': " + problem, "model=custom",
                "model.config=" + config);
    }

    @Test
    void customNeedsANetwork() {
        assertRefused("Configuration key 'model' = 'custom' needs model.config=URI (a DL4J MultiLayerConfiguration in"
                + " JSON) or model.init=URI (a DL4J model.zip), or both.", "model=custom");
    }

    @Test
    void theMlpsKeysDoNotApply() {
        Path config = json("net.json", dense(784, softmaxOutput(10)));
        assertRefused("Configuration key 'model.hidden' (from --set) = '100' does not apply to model=custom: the layers"
                + " are those of model.config (or model.init) ('model' = 'custom', from --set).",
                "model=custom", "model.config=" + config, "model.hidden=100");
        assertRefused("Configuration key 'model.activation' (from --set) = 'tanh' does not apply to model=custom: the"
                + " layers are those of model.config (or model.init) ('model' = 'custom', from --set).",
                "model=custom", "model.config=" + config, "model.activation=tanh");
    }

    @Test
    void modelConfigWithoutCustom() {
        Path config = json("net.json", dense(784, softmaxOutput(10)));
        assertRefused("Configuration key 'model.config' (from --set) = '" + config + "' applies to model=custom only"
                + " (set model=custom to train the network it describes) ('model' = 'mlp', from default).",
                "model.config=" + config);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("no-such.json");
        assertConfigRefused(missing, "no such file; expected a DL4J MultiLayerConfiguration in JSON");
    }

    @Test
    void notJson() {
        Path config = CustomNetworks.write(dir.resolve("bad.json"), "{\"confs\": [ {\"layer\": ");
        assertConfigRefused(config, "not valid JSON: Unexpected end-of-input within/between Object entries");
    }

    @Test
    void aComputationGraph() {
        String graph = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("out", softmaxOutput(10), "in").setOutputs("out")
                .setInputTypes(InputType.feedForward(784)).build().toJson();
        Path config = CustomNetworks.write(dir.resolve("graph.json"), graph);
        assertConfigRefused(config, "a ComputationGraph configuration; milr trains a MultiLayerNetwork: expected a"
                + " MultiLayerConfiguration (NeuralNetConfiguration.Builder().list()...)");
    }

    @Test
    void noOutputLayer() {
        Path config = json("net.json", new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("hidden").nOut(32).build())
                .layer(new DenseLayer.Builder().name("last").nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784)).build());
        assertConfigRefused(config, "the last layer, layer 1 (DenseLayer 'last'), is not an OutputLayer; milr needs an"
                + " OutputLayer with softmax activation, MCXENT or NEGATIVELOGLIKELIHOOD loss and 10 units (the data's"
                + " classes).");
    }

    @Test
    void wrongActivationOrLoss() {
        Path sigmoid = json("sigmoid.json", dense(784, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .name("out").nOut(10).activation(Activation.SIGMOID).build()));
        assertConfigRefused(sigmoid, "the output layer 1 (OutputLayer 'out') has activation sigmoid; milr needs an"
                + " OutputLayer with softmax activation, MCXENT or NEGATIVELOGLIKELIHOOD loss and 10 units (the data's"
                + " classes).");
        Path mse = json("mse.json", dense(784, new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .name("out").nOut(10).activation(Activation.SOFTMAX).build()));
        assertConfigRefused(mse, "the output layer 1 (OutputLayer 'out') has loss LossMSE(); milr needs an"
                + " OutputLayer with softmax activation, MCXENT or NEGATIVELOGLIKELIHOOD loss and 10 units (the data's"
                + " classes).");
    }

    @Test
    void negativeLogLikelihoodIsTaken() {
        Path nll = json("nll.json", dense(784, new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                .name("out").nOut(12).activation(Activation.SOFTMAX).build()));
        // Its loss passes; what stops it is the next check, the number of units.
        assertConfigRefused(nll, "the output layer 1 (OutputLayer 'out') has 12 units (nOut), the data have 10"
                + " classes; expected nOut=10.");
    }

    @Test
    void inputSizeThatDoesNotFitTheFeatures() {
        Path config = json("net.json", dense(100, softmaxOutput(10)));
        assertConfigRefused(config, "layer 0 (DenseLayer 'hidden') has 100 inputs (nIn), the data have 784 features"
                + " (28x28 single-channel images); expected nIn=784.");
    }

    @Test
    void imageShapeThatDoesNotFit() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(4).build())
                .layer(softmaxOutput(10))
                .setInputType(InputType.convolutionalFlat(32, 32, 1)).build();
        Path config = json("net.json", conf);
        assertConfigRefused(config, "layer 0 (ConvolutionLayer 'conv') takes 32x32x1 images (input type"
                + " convolutionalFlat(32, 32, 1)), the data have 784 features (28x28 single-channel images); expected"
                + " convolutionalFlat(28, 28, 1).");
    }

    @Test
    void convolutionWithoutAnInputType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nIn(1).nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(4 * 26 * 26).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        Path config = json("net.json", conf);
        assertConfigRefused(config, "layer 0 (ConvolutionLayer 'conv') needs images but has no input preprocessor;"
                + " milr feeds flat vectors of 784 features (28x28 single-channel images): build the configuration"
                + " with setInputType(InputType.convolutionalFlat(28, 28, 1)).");
    }

    @Test
    void layersThatDoNotChain() {
        // A hand-edited JSON: the output layer's nIn no longer matches the hidden layer's 32 units.
        String json = dense(784, softmaxOutput(10)).toJson();
        int output = json.lastIndexOf("\"nin\" : 32");
        Path config = CustomNetworks.write(dir.resolve("net.json"), json.substring(0, output) + "\"nin\" : 50"
                + json.substring(output + "\"nin\" : 32".length()));
        assertConfigRefused(config, "the data's 784 features do not pass through the network: Input size (32"
                + " columns; shape = [2, 32]) is invalid: does not match layer input size (layer # inputs = 50) (layer"
                + " name: out, layer index: 1, layer type: OutputLayer).");
    }

    @Test
    void modelInitThatIsNotAZip() {
        Path init = CustomNetworks.write(dir.resolve("model.zip"), "not a zip");
        assertRefused("Configuration key 'model.init' = '" + init + "': holds no configuration.json; expected a DL4J"
                + " model.zip (ModelSerializer.writeModel, or a milr run's model.zip)", "model=custom", "model.init=" + init);
    }

    @Test
    void modelInitWithOtherLayersThanModelConfig() throws Exception {
        MultiLayerNetwork trained = new MultiLayerNetwork(dense(784, softmaxOutput(10)));
        trained.init();
        Path init = dir.resolve("model.zip");
        ModelSerializer.writeModel(trained, init.toFile(), true);
        MultiLayerConfiguration wider = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().name("hidden").nOut(64).activation(Activation.RELU).build())
                .layer(softmaxOutput(10)).setInputType(InputType.feedForward(784)).build();
        Path config = json("wider.json", wider);
        assertRefused("Configuration key 'model.init' = '" + init + "': layer 0 is DenseLayer with parameters"
                + " {W=[784, 32], b=[1, 32]}, model.config " + config + " has DenseLayer with {W=[784, 64], b=[1, 64]};"
                + " expected the same layers", "model=custom", "model.config=" + config, "model.init=" + init);
    }

    @Test
    void modelInitWhoseOutputDoesNotFitTheData() throws Exception {
        MultiLayerNetwork trained = new MultiLayerNetwork(dense(784, softmaxOutput(5)));
        trained.init();
        Path init = dir.resolve("five.zip");
        ModelSerializer.writeModel(trained, init.toFile(), true);
        assertRefused("Configuration key 'model.init' = '" + init + "': the output layer 1 (OutputLayer 'out') has 5"
                + " units (nOut), the data have 10 classes; expected nOut=10.", "model=custom", "model.init=" + init);
    }
}
