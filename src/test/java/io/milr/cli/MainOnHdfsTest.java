package io.milr.cli;

import io.milr.model.TrainedModel;
import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;
import io.milr.testing.ExactTables;
import io.milr.testing.LocalSpark;
import io.milr.testing.Mnist;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code train} run whose data and run directory are both in HDFS (an in-process MiniDFSCluster):
 * it reads the real MNIST IDX files from hdfs:// and writes config, metrics, model files and report there, and
 * the model loads back from its hdfs:// URI.
 */
class MainOnHdfsTest {
    private static final int TRAIN = 2000;
    private static final int EPOCHS = 2;

    @TempDir
    static Path baseDir;
    private static MiniDFSCluster hdfs;

    @BeforeAll
    static void startHdfsWithMnist() throws IOException {
        hdfs = new MiniDFSCluster.Builder(new Configuration(), baseDir.toFile()).numDataNodes(1).build();
        hdfs.waitActive();
        FileSystem fs = hdfs.getFileSystem();
        for (String file : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Path.of("data/mnist", file).toAbsolutePath().toUri()),
                    new org.apache.hadoop.fs.Path("/data/mnist/" + file));
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void trainsFromHdfsIntoAnHdfsRunDirectory() throws IOException {
        String root = hdfs.getURI().toString();
        String run = root + "/runs/mnist";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("train"));
        for (String setting : List.of("model.hidden=32", "lr.mode=layer", "train.epochs=" + EPOCHS,
                "train.batchSize=50", "train.averagingFrequency=5", "train.workers=2", "mi.probeSize=" + TRAIN,
                "data.trainLimit=" + TRAIN, "data.testLimit=500",
                "data.train=" + root + "/data/mnist/train", "data.test=" + root + "/data/mnist/t10k")) {
            args.addAll(List.of("--set", setting));
        }
        args.addAll(List.of("--out", run));

        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true), new PrintStream(err, true),
                SparkContexts.lent(LocalSpark.context()));

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("milr: run complete: " + run), out.toString());
        // A fresh configuration: the hdfs:// URI alone finds the run.
        RunDirectory dir = RunDirectory.open(run, new Configuration());
        for (String file : List.of("config.properties", "metrics.jsonl", "model.zip", "network.json", "model.json",
                "report.html", "accuracy.png")) {
            assertTrue(dir.exists(file), file + " in " + run);
        }
        ExactTables.check(RunMetrics.read(dir), EPOCHS, Mnist.train(TRAIN).classCounts(10));
        FileSystem fs = hdfs.getFileSystem();
        try (InputStream model = fs.open(dir.path("model.zip"))) {
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(model, true);
            assertTrue(Double.isFinite(network.params().sumNumber().doubleValue()));
            TrainedModel trained = TrainedModel.load(run, new Configuration());
            assertEquals(network.params(), trained.network().params());
            assertEquals(784, trained.numFeatures());
            assertEquals(10, trained.numClasses());
        }
        assertEquals(0, fs.globStatus(new org.apache.hadoop.fs.Path(run + "/.*")).length,
                "no temporary or backup file left behind");
    }
}
