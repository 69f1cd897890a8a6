package io.milr.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milr.config.ConfigException;
import io.milr.data.ImageShape;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A network the user describes ({@code model=custom}): a DL4J {@link MultiLayerConfiguration} read
 * from {@code model.config} (JSON, any Hadoop URI), and/or the configuration and weights of a
 * {@code model.zip} from {@code model.init} (fine-tuning). milr trains it as it trains its own
 * networks: its updaters are replaced by milr's optimizer (whose policy sets each layer's LR), the
 * weights are initialised from {@code train.seed} unless {@code model.init} gives them, and the
 * updater state of a {@code model.zip} is not loaded.
 *
 * <p>{@link #misfit} says what makes a configuration unusable for the data: milr feeds flat feature
 * vectors (an image row-major) and reads the output layer as K class probabilities.
 */
public final class CustomNetwork {
    public static final String CONFIG_KEY = "model.config";
    public static final String INIT_KEY = "model.init";

    private final String configUri;
    private final String initUri;
    private final MultiLayerConfiguration configuration;
    /** The configuration as given (model.config's, or model.init's), for the console line on its updaters. */
    private final MultiLayerConfiguration initConfiguration;
    private final INDArray initParams;

    private CustomNetwork(String configUri, String initUri, MultiLayerConfiguration configuration,
                          MultiLayerConfiguration initConfiguration, INDArray initParams) {
        this.configUri = configUri;
        this.initUri = initUri;
        this.configuration = configuration;
        this.initConfiguration = initConfiguration;
        this.initParams = initParams;
    }

    /**
     * Reads {@code configUri} and/or {@code initUri} (empty: not given; at least one is) and checks them
     * against each other; {@link #check} then checks them against the data.
     *
     * @throws ConfigException naming the key, when a file cannot be read, is not a MultiLayerNetwork
     *         configuration or model, or (both given) the two do not describe the same layers
     */
    public static CustomNetwork load(String configUri, String initUri, Configuration hadoop) {
        MultiLayerConfiguration fromConfig = configUri.isEmpty() ? null
                : parse(CONFIG_KEY, configUri, new String(read(CONFIG_KEY, configUri, hadoop), StandardCharsets.UTF_8));
        if (initUri.isEmpty()) {
            return new CustomNetwork(configUri, initUri, fromConfig, null, null);
        }
        byte[] zip = read(INIT_KEY, initUri, hadoop);
        MultiLayerConfiguration fromInit = parse(INIT_KEY, initUri, zipEntry(initUri, zip, "configuration.json"));
        MultiLayerNetwork trained;
        try {
            trained = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(prefix(INIT_KEY, initUri) + "not a readable DL4J model.zip: " + firstLine(e));
        }
        if (fromConfig != null) {
            sameLayers(configUri, fromConfig, initUri, trained);
        }
        return new CustomNetwork(configUri, initUri, fromConfig != null ? fromConfig : fromInit, fromInit,
                trained.params().dup());
    }

    private static String prefix(String key, String uri) {
        return "Configuration key '" + key + "' = '" + uri + "': ";
    }

    private static byte[] read(String key, String uri, Configuration hadoop) {
        try {
            Path path = new Path(uri);
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                throw new ConfigException(prefix(key, uri) + "no such file; expected "
                        + (key.equals(CONFIG_KEY) ? "a DL4J MultiLayerConfiguration in JSON" : "a DL4J model.zip"));
            }
            if (fs.getFileStatus(path).isDirectory()) {
                throw new ConfigException(prefix(key, uri) + "is a directory; expected "
                        + (key.equals(CONFIG_KEY) ? "a JSON file" : "a model.zip file (e.g. RUN/model.zip)"));
            }
            try (FSDataInputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(prefix(key, uri) + "cannot be read: " + firstLine(e));
        }
    }

    private static String zipEntry(String uri, byte[] zip, String name) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    in.transferTo(bytes);
                    return bytes.toString(StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new ConfigException(prefix(INIT_KEY, uri) + "not a zip file (" + firstLine(e) + "); expected a DL4J model.zip");
        }
        throw new ConfigException(prefix(INIT_KEY, uri) + "holds no " + name + "; expected a DL4J model.zip"
                + " (ModelSerializer.writeModel, or a milr run's model.zip)");
    }

    /** The configuration in {@code json}: a MultiLayerConfiguration, not a ComputationGraph's or anything else. */
    static MultiLayerConfiguration parse(String key, String uri, String json) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ConfigException(prefix(key, uri) + "not valid JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(prefix(key, uri) + "not a JSON object; expected a DL4J MultiLayerConfiguration"
                    + " (MultiLayerConfiguration.toJson())");
        }
        if (tree.has("vertices") || tree.has("networkInputs")) {
            throw new ConfigException(prefix(key, uri) + "a ComputationGraph configuration; milr trains a"
                    + " MultiLayerNetwork: expected a MultiLayerConfiguration (NeuralNetConfiguration.Builder().list()...)");
        }
        if (!tree.has("confs") || !tree.get("confs").isArray() || tree.get("confs").isEmpty()) {
            throw new ConfigException(prefix(key, uri) + "has no layers (\"confs\"); expected a DL4J"
                    + " MultiLayerConfiguration (MultiLayerConfiguration.toJson())");
        }
        try {
            return MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ConfigException(prefix(key, uri) + "not a DL4J MultiLayerConfiguration DL4J 1.0.0-M2 reads: "
                    + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        return message.lines().findFirst().orElse("").trim();
    }

    /** Both keys given: model.init's weights must fit model.config's layers, parameter by parameter. */
    private static void sameLayers(String configUri, MultiLayerConfiguration fromConfig, String initUri,
                                   MultiLayerNetwork trained) {
        MultiLayerNetwork described = initialised(fromConfig.clone(), CONFIG_KEY, configUri);
        String both = prefix(INIT_KEY, initUri);
        if (described.getnLayers() != trained.getnLayers()) {
            throw new ConfigException(both + "has " + trained.getnLayers() + " layers, model.config " + configUri
                    + " " + described.getnLayers() + "; expected the same layers");
        }
        for (int i = 0; i < described.getnLayers(); i++) {
            String has = parameterShapes(trained.getLayer(i));
            String expected = parameterShapes(described.getLayer(i));
            String hasType = trained.getLayerWiseConfigurations().getConf(i).getLayer().getClass().getSimpleName();
            String expectedType = fromConfig.getConf(i).getLayer().getClass().getSimpleName();
            if (!has.equals(expected) || !hasType.equals(expectedType)) {
                throw new ConfigException(both + "layer " + i + " is " + hasType + " with parameters " + has
                        + ", model.config " + configUri + " has " + expectedType + " with " + expected
                        + "; expected the same layers");
            }
        }
    }

    private static String parameterShapes(Layer layer) {
        Map<String, String> shapes = new LinkedHashMap<>();
        layer.paramTable().forEach((name, values) -> shapes.put(name, Arrays.toString(values.shape())));
        return shapes.isEmpty() ? "{}" : shapes.toString();
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration conf, String key, String uri) {
        try {
            MultiLayerNetwork network = new MultiLayerNetwork(conf);
            network.init();
            return network;
        } catch (RuntimeException e) {
            throw new ConfigException(prefix(key, uri) + "DL4J cannot build the network: " + firstLine(e));
        }
    }

    /** The key and URI the network comes from, for messages: model.config's when given. */
    public String origin() {
        return configUri.isEmpty() ? INIT_KEY + " " + initUri : CONFIG_KEY + " " + configUri;
    }

    private String originKey() {
        return configUri.isEmpty() ? INIT_KEY : CONFIG_KEY;
    }

    private String originUri() {
        return configUri.isEmpty() ? initUri : configUri;
    }

    /**
     * @throws ConfigException naming the key and the layer, when the network does not fit data of
     *         {@code numFeatures} features ({@code shape}: the images they are, or flat) and {@code numClasses}
     *         classes, or cannot be counted during training although {@code fused} asks for it
     */
    public void check(int numFeatures, ImageShape shape, int numClasses, boolean fused) {
        Optional<String> problem = misfit(configuration, numFeatures, shape, numClasses);
        if (problem.isEmpty() && fused && configuration.getInputPreProcess(configuration.getConfs().size() - 1) != null) {
            problem = Optional.of(describe(configuration, configuration.getConfs().size() - 1) + " takes its input"
                    + " through a preprocessor; mi.measure=fused counts the output layer's dense input during"
                    + " training: use mi.measure=full or sample, or put a dense layer before the output layer");
        }
        problem.ifPresent(p -> {
            throw new ConfigException(prefix(originKey(), originUri()) + p + ".");
        });
    }

    /** "layer 3 (DenseLayer 'dense1')". */
    static String describe(MultiLayerConfiguration conf, int index) {
        org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(index).getLayer();
        String name = layer.getLayerName();
        return "layer " + index + " (" + layer.getClass().getSimpleName()
                + (name != null && !name.isEmpty() ? " '" + name + "'" : "") + ")";
    }

    private static String data(int numFeatures, ImageShape shape) {
        return shape.height() > 1 ? numFeatures + " features (" + shape + " single-channel images)"
                : numFeatures + " features (flat vectors; data.imageShape=HxW says they are images)";
    }

    /**
     * What makes {@code conf} unable to train on the data, or empty: the first layer's input (through an
     * image preprocessor: the data's image shape with 1 channel; otherwise a dense input of
     * {@code numFeatures}), the output layer (an OutputLayer, softmax, MCXENT or NLL loss, K units),
     * and a forward pass of the data's shape through every layer.
     */
    public static Optional<String> misfit(MultiLayerConfiguration conf, int numFeatures, ImageShape shape,
                                          int numClasses) {
        int last = conf.getConfs().size() - 1;
        org.deeplearning4j.nn.conf.layers.Layer output = conf.getConf(last).getLayer();
        String needed = "; milr needs an OutputLayer with softmax activation, MCXENT or NEGATIVELOGLIKELIHOOD loss and "
                + numClasses + " units (the data's classes)";
        if (!(output instanceof OutputLayer out)) {
            return Optional.of("the last layer, " + describe(conf, last) + ", is not an OutputLayer" + needed);
        }
        if (!(out.getActivationFn() instanceof ActivationSoftmax)) {
            return Optional.of("the output " + describe(conf, last) + " has activation " + out.getActivationFn() + needed);
        }
        if (!(out.getLossFn() instanceof LossMCXENT)) {
            return Optional.of("the output " + describe(conf, last) + " has loss " + out.getLossFn() + needed);
        }
        if (out.getNOut() != numClasses) {
            return Optional.of("the output " + describe(conf, last) + " has " + out.getNOut() + " units (nOut), the"
                    + " data have " + numClasses + " classes; expected nOut=" + numClasses);
        }
        InputPreProcessor first = conf.getInputPreProcess(0);
        org.deeplearning4j.nn.conf.layers.Layer layer0 = conf.getConf(0).getLayer();
        if (first instanceof FeedForwardToCnnPreProcessor images) {
            if (images.getNumChannels() != 1 || images.getInputHeight() != shape.height()
                    || images.getInputWidth() != shape.width() || shape.height() <= 1) {
                return Optional.of(describe(conf, 0) + " takes " + images.getInputHeight() + "x" + images.getInputWidth()
                        + "x" + images.getNumChannels() + " images (input type convolutionalFlat("
                        + images.getInputHeight() + ", " + images.getInputWidth() + ", " + images.getNumChannels()
                        + ")), the data have " + data(numFeatures, shape) + (shape.height() > 1
                        ? "; expected convolutionalFlat(" + shape.height() + ", " + shape.width() + ", 1)" : ""));
            }
        } else if (first != null) {
            return Optional.of(describe(conf, 0) + " takes its input through a " + first.getClass().getSimpleName()
                    + "; milr feeds flat feature vectors: expected input type feedForward(" + numFeatures + ")"
                    + (shape.height() > 1 ? " or convolutionalFlat(" + shape.height() + ", " + shape.width() + ", 1)" : ""));
        } else if (!(layer0 instanceof FeedForwardLayer dense) || layer0 instanceof ConvolutionLayer
                || layer0 instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
            return Optional.of(describe(conf, 0) + " needs " + (layer0 instanceof ConvolutionLayer ? "images" : "its own"
                    + " input shape") + " but has no input preprocessor; milr feeds flat vectors of "
                    + data(numFeatures, shape) + ": build the configuration with setInputType("
                    + (shape.height() > 1 ? "InputType.convolutionalFlat(" + shape.height() + ", " + shape.width() + ", 1)"
                    : "InputType.feedForward(" + numFeatures + ")") + ")");
        } else if (dense.getNIn() != numFeatures) {
            return Optional.of(describe(conf, 0) + " has " + dense.getNIn() + " inputs (nIn), the data have "
                    + data(numFeatures, shape) + "; expected nIn=" + numFeatures);
        }
        return forwardPass(conf, numFeatures, numClasses);
    }

    /** Two examples of zeros through every layer: layer sizes that do not chain are found here, with DL4J's words. */
    private static Optional<String> forwardPass(MultiLayerConfiguration conf, int numFeatures, int numClasses) {
        MultiLayerNetwork network;
        try {
            network = new MultiLayerNetwork(conf.clone());
            network.init();
        } catch (RuntimeException e) {
            return Optional.of("DL4J cannot build the network: " + firstLine(e));
        }
        try {
            INDArray out = network.output(Nd4j.zeros(network.params().dataType(), 2, numFeatures), false);
            if (out.rank() != 2 || out.size(1) != numClasses) {
                return Optional.of("the network's output has shape " + Arrays.toString(out.shape()) + " for 2 examples,"
                        + " expected [2, " + numClasses + "]");
            }
        } catch (RuntimeException e) {
            return Optional.of("the data's " + numFeatures + " features do not pass through the network: " + firstLine(e));
        }
        return Optional.empty();
    }

    /** The updaters of the configuration as given: "Adam on 5 layers, Sgd on 1 layer". */
    public String givenUpdaters() {
        MultiLayerConfiguration given = configUri.isEmpty() ? initConfiguration : configuration;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NeuralNetConfiguration c : given.getConfs()) {
            if (c.getLayer() instanceof BaseLayer base) {
                IUpdater updater = base.getIUpdater();
                counts.merge(updater == null ? "none" : updater.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((name, n) -> parts.add(name + " on " + n + (n == 1 ? " layer" : " layers")));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** The console lines that say what milr takes from the user's files and what it replaces. */
    public List<String> consoleLines(String optimizer) {
        List<String> lines = new ArrayList<>();
        String replaced = "its updaters (" + givenUpdaters() + ") are replaced by milr's optimizer (" + optimizer + ")";
        if (!configUri.isEmpty()) {
            lines.add("milr: " + CONFIG_KEY + " " + configUri + ": " + replaced);
        }
        if (!initUri.isEmpty()) {
            lines.add("milr: " + INIT_KEY + " " + initUri + ": starting from its weights (" + initParams.length()
                    + " parameters)" + (configUri.isEmpty() ? "; " + replaced + ", its updater state is not loaded"
                    : "; its updater state is not loaded"));
        }
        return lines;
    }

    public boolean fineTuned() {
        return initParams != null;
    }

    /**
     * The network to train: the configuration with {@code updater} on every parameter layer (and
     * {@code regularization} when the optimizer brings one, as lars does; otherwise the configuration's
     * own), seeded by {@code seed}, its counters at 0, and model.init's weights when given.
     */
    public MultiLayerNetwork build(long seed, IUpdater updater, List<Regularization> regularization) {
        MultiLayerConfiguration conf = configuration.clone();
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        for (NeuralNetConfiguration c : conf.getConfs()) {
            c.setSeed(seed);
            c.setIterationCount(0);
            c.setEpochCount(0);
            if (c.getLayer() instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
                if (!regularization.isEmpty()) {
                    base.setRegularization(new ArrayList<>(regularization));
                    base.setRegularizationBias(new ArrayList<>(regularization));
                }
            }
        }
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        if (initParams != null) {
            network.setParams(initParams.castTo(network.params().dataType()));
        }
        return network;
    }

    /** Whether layer {@code conf} gets a head of its own in layer mode: a dense layer or a 2-D convolution. */
    public static boolean hasHead(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return conf instanceof DenseLayer
                || (conf instanceof ConvolutionLayer && !(conf instanceof Convolution1DLayer) && !(conf instanceof Convolution3D));
    }

    /** "custom conf/x.json (9 layers, 123456 parameters)". */
    public String toString(int parameters) {
        return "custom " + originUri() + " (" + configuration.getConfs().size() + " layers, " + parameters + " parameters)";
    }
}
