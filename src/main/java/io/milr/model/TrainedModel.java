package io.milr.model;

import io.milr.data.FeatureScaler;
import io.milr.data.ImageShape;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Optional;

/**
 * A trained model as milr applies it to new data: the network, what it takes as input, the feature
 * scaling fitted on its training set (applied unchanged to any data it is given), and the classes it
 * predicts. They are checked to agree here, and only here.
 *
 * <p>In a run directory it is three files, written together after every epoch
 * ({@link #writeTo}): {@value #MODEL_ZIP} (DL4J), {@value #NETWORK_JSON} (the network's DL4J
 * configuration, readable without DL4J) and, written last, {@value #MANIFEST} (input, scaling, labels,
 * and the length and CRC-32 of the other two). {@link #load} reads them back and refuses a set that
 * does not agree.
 *
 * @param source where the model is (its run directory), for messages
 */
public record TrainedModel(String source, MultiLayerNetwork network, ModelInput input, FeatureScaler scaler,
                           ClassLabels labels) {
    public static final String MODEL_ZIP = "model.zip";
    public static final String NETWORK_JSON = "network.json";
    public static final String MANIFEST = "model.json";

    public TrainedModel {
        Optional<String> problem = disagreement(network, input, scaler, labels);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    public int numFeatures() {
        return input.numFeatures();
    }

    public int numClasses() {
        return labels.classes();
    }

    /**
     * Writes model.zip (with the updater state, so that it also serves as before), network.json and
     * then model.json into {@code run}, each atomically; model.json last, so that it only ever
     * describes files that were completely written.
     */
    public void writeTo(RunDirectory run) {
        ModelFiles.write(this, run);
    }

    /**
     * The model of the run in {@code runDirUri} (any Hadoop URI).
     *
     * @throws RunDirectoryException naming the file and what disagrees: a missing file (a run from
     *         before milr wrote model.json says so), a model.zip or network.json that is not the one
     *         model.json records, a network.json that is not model.zip's configuration, a network
     *         whose input or output does not fit model.json's input, scaling or classes
     */
    public static TrainedModel load(String runDirUri, Configuration conf) {
        return ModelFiles.read(RunDirectory.open(runDirUri, conf));
    }

    /**
     * What makes these parts not one model, or empty when they agree: the network's input size and
     * (a cnn's) image shape against the input description, its output units against the classes, the
     * scaling's length against the features.
     */
    static Optional<String> disagreement(MultiLayerNetwork network, ModelInput input, FeatureScaler scaler,
                                         ClassLabels labels) {
        if (scaler.numFeatures() != input.numFeatures()) {
            return Optional.of("the scaling is for " + scaler.numFeatures() + " features, the input has "
                    + input.numFeatures());
        }
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        InputPreProcessor first = conf.getInputPreProcess(0);
        if (first instanceof FeedForwardToCnnPreProcessor images) {
            long inputs = images.getInputHeight() * images.getInputWidth() * images.getNumChannels();
            if (inputs != input.numFeatures()) {
                return Optional.of("the network takes " + inputs + " input features, the input has " + input.numFeatures());
            }
            ImageShape shape = input.shape();
            if (images.getNumChannels() != 1 || images.getInputHeight() != shape.height()
                    || images.getInputWidth() != shape.width()) {
                return Optional.of("the network takes " + images.getInputHeight() + "x" + images.getInputWidth()
                        + " images of " + images.getNumChannels() + " channel(s), the input is " + shape
                        + " single-channel images");
            }
        } else {
            Layer layer = conf.getConf(0).getLayer();
            if (!(layer instanceof FeedForwardLayer dense)) {
                return Optional.of("the network's first layer (" + layer.getClass().getSimpleName() + ") does not take"
                        + " a feature vector");
            }
            if (dense.getNIn() != input.numFeatures()) {
                return Optional.of("the network takes " + dense.getNIn() + " input features, the input has "
                        + input.numFeatures());
            }
        }
        Layer last = conf.getConf(conf.getConfs().size() - 1).getLayer();
        if (!(last instanceof FeedForwardLayer output)) {
            return Optional.of("the network's last layer (" + last.getClass().getSimpleName() + ") has no output units");
        }
        if (output.getNOut() != labels.classes()) {
            return Optional.of("the network's output layer has " + output.getNOut() + " units, the labels "
                    + labels.classes() + " classes");
        }
        return Optional.empty();
    }
}
