package io.milr.bench;

import io.milr.config.ConfigSources;
import io.milr.config.JobConfig;
import io.milr.data.Minibatches;
import io.milr.heads.BatchReadout;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference system, in a child JVM of its own: one DL4J {@code MultiLayerNetwork.fit} per epoch
 * over the same minibatches milr trains on (same shuffle, batch size, network, seed and fixed SGD
 * LR), with whatever BLAS threads the environment allows (the bench sets OMP_NUM_THREADS=1). An
 * epoch's seconds are the fit alone; the test evaluation after it is not timed.
 *
 * <p>Arguments: {@code JOB_PROPERTIES RESULT_JSON RUN}.
 */
public final class SingleJvmFit {
    private SingleJvmFit() {
    }

    public static void main(String[] args) {
        JobConfig job = JobConfig.from(ConfigSources.of(Path.of(args[0]), List.of()));
        BenchJson.write(Path.of(args[1]), run(job, Integer.parseInt(args[2])));
    }

    static SystemRun run(JobConfig job, int run) {
        BenchData data = BenchData.load(job, new Configuration());
        int k = data.numClasses();
        List<DataSet> batches = Minibatches.of(data.train(), data.scaler(), job.batchSize(), k, job.seed());
        List<DataSet> test = Minibatches.of(data.test(), data.scaler(), 1024, k, -1);
        double lr = job.lrSettings().lrStart();
        MultiLayerNetwork network = job.model().build(data.train().rows(), data.train().cols(), k, job.seed(), lr);
        LossSum loss = new LossSum();
        network.setListeners(loss);

        List<EpochTiming> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= job.epochs(); epoch++) {
            long start = System.nanoTime();
            network.fit(new ExistingDataSetIterator(batches));
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = accuracy(network, test);
            epochs.add(new EpochTiming(epoch, seconds, null, null, accuracy, loss.takeMean()));
            System.out.printf(Locale.ROOT, "epoch %d/%d %.2fs test acc %.4f%n", epoch, job.epochs(), seconds, accuracy);
        }
        String notes = String.format(Locale.ROOT, "MultiLayerNetwork.fit(ExistingDataSetIterator) over %d minibatches,"
                + " SGD lr %.4g, OMP_NUM_THREADS=%s", batches.size(), lr, System.getenv("OMP_NUM_THREADS"));
        return new SystemRun(BenchSystem.DL4J.configName(), BenchSystem.DL4J.configName(), 1, run, epochs, notes,
                List.of(), null, null, null);
    }

    private static double accuracy(MultiLayerNetwork network, List<DataSet> test) {
        long correct = 0;
        long total = 0;
        for (DataSet batch : test) {
            int[] predicted = BatchReadout.argmax(network.output(batch.getFeatures(), false));
            int[] labels = BatchReadout.labels(batch);
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
            total += labels.length;
        }
        return (double) correct / total;
    }

    /** The mean minibatch loss of an epoch, as milr reports its training loss. */
    private static final class LossSum extends BaseTrainingListener {
        private double sum;
        private long minibatches;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            sum += model.score();
            minibatches++;
        }

        double takeMean() {
            double mean = minibatches == 0 ? Double.NaN : sum / minibatches;
            sum = 0;
            minibatches = 0;
            return mean;
        }
    }
}
