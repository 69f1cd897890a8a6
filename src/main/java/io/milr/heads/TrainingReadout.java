package io.milr.heads;

import io.milr.mi.JointHistogram;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Counts the output head's table while the network trains (METHOD.md section 5, the fused form): at
 * each training step's forward pass the output layer's input is at hand, and one small product with
 * the output layer's weights gives the step's predictions, before the step updates them. No second
 * forward pass; each training example is counted once per epoch. The table describes the epoch's
 * predictions while it learned, as a training accuracy does.
 */
public final class TrainingReadout extends BaseTrainingListener {
    private final JointHistogram table;

    public TrainingReadout(int numClasses) {
        this.table = new JointHistogram(numClasses);
    }

    /** The output layer's input must need no preprocessing (true of every network milr builds). */
    public static boolean supports(MultiLayerNetwork network) {
        return network.getLayerWiseConfigurations().getInputPreProcess(network.getnLayers() - 1) == null;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork network = (MultiLayerNetwork) model;
        org.deeplearning4j.nn.api.Layer output = network.getLayer(network.getnLayers() - 1);
        INDArray input = activations.get(activations.size() - 1);
        // Softmax keeps the order of its inputs: the arg-max of the pre-activations is the prediction.
        INDArray scores = input.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
        int[] predicted = BatchReadout.argmax(scores);
        int[] labels = BatchReadout.argmax(network.getLabels());
        for (int i = 0; i < predicted.length; i++) {
            table.add(predicted[i], labels[i]);
        }
    }

    public JointHistogram table() {
        return table;
    }
}
