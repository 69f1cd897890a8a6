package io.milr.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.data.FeatureScaler;
import io.milr.data.ImageShape;
import io.milr.report.FileDigest;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import io.milr.testing.TrainedRun;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real one-epoch train run leaves model.zip, network.json and model.json, and they load back as the
 * model the run trained: the same parameters, the scaling bit for bit, the input and the classes.
 * Each way the three files can disagree is refused with one line naming the file.
 */
class TrainedModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Configuration CONF = new Configuration();

    @Test
    void theRunsModelLoadsBackAsItWasTrained() throws IOException {
        TrainedRun run = TrainedRun.get();

        TrainedModel model = TrainedModel.load(run.dir().toString(), CONF);

        assertEquals(run.network().params(), model.network().params(), "the network the run ended with");
        assertEquals(run.network().getLayerWiseConfigurations(), model.network().getLayerWiseConfigurations());
        assertBits(run.data().scaler().offsets(), model.scaler().offsets());
        assertBits(run.data().scaler().divisors(), model.scaler().divisors());
        assertEquals(new ModelInput(784, new ImageShape(28, 28), List.of()), model.input());
        assertEquals(ClassLabels.indices(10), model.labels());
        assertEquals("file:" + run.dir(), model.source());
        // Standard scaling: per-feature statistics, not one constant (else the test would not tell them apart).
        assertTrue(Arrays.stream(boxed(model.scaler().offsets())).distinct().count() > 100);

        JsonNode manifest = JSON.readTree(run.dir().resolve("model.json").toFile());
        assertEquals("milr-model 1", manifest.get("format").asText());
        assertEquals(Files.size(run.dir().resolve("model.zip")), manifest.at("/files/model.zip/bytes").asLong());
        assertEquals(JSON.readTree(run.network().getLayerWiseConfigurations().toJson()),
                JSON.readTree(run.dir().resolve("network.json").toFile()), "network.json is DL4J's configuration JSON");
        try (Stream<Path> files = Files.list(run.dir())) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file left behind");
        }
    }

    /** Floats that a detour through double or BigDecimal would change (-0.0) or print long. */
    @Test
    void theScalingIsWrittenAndReadBackBitForBit(@TempDir Path dir) {
        float[] offsets = {-0.0f, 0.0f, Float.MIN_VALUE, 1f / 3f, -Float.MAX_VALUE, 1.17549435E-38f, 0.1f, 16777217f};
        float[] divisors = {1e-45f, Float.MAX_VALUE, 3.4028233E38f, 2f / 3f, 7f, 1.0000001f, 0.3f, Float.MIN_NORMAL};
        MultiLayerNetwork network = ModelSpec.of("mlp", new int[] {3}, "relu").build(2, 4, 3, 1, new Sgd(0.1),
                List.of());
        TrainedModel written = new TrainedModel("test", network, ModelInput.of(8, new ImageShape(2, 4)),
                FeatureScaler.of(offsets, divisors), ClassLabels.indices(3));

        written.writeTo(RunDirectory.create(dir.toString(), false, CONF));
        TrainedModel read = TrainedModel.load(dir.toString(), CONF);

        assertBits(offsets, read.scaler().offsets());
        assertBits(divisors, read.scaler().divisors());
        assertEquals(written.input(), read.input());
        assertEquals(network.params(), read.network().params());
    }

    /** A cnn takes its input through DL4J's flat-to-image preprocessor: its size and image shape are checked. */
    @Test
    void aCnnsImageShapeMustBeTheInputs() {
        MultiLayerNetwork cnn = ModelSpec.of("cnn", new int[0], "relu").build(20, 20, 4, 1, new Sgd(0.1), List.of());
        FeatureScaler scaler = FeatureScaler.of(new float[400], new float[400]);

        assertEquals(400, new TrainedModel("test", cnn, ModelInput.of(400, new ImageShape(20, 20)), scaler,
                ClassLabels.indices(4)).numFeatures());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainedModel("test", cnn,
                ModelInput.of(400, new ImageShape(10, 40)), scaler, ClassLabels.indices(4)));
        assertEquals("the network takes 20x20 images of 1 channel(s), the input is 10x40 single-channel images",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainedModel("test", cnn,
                ModelInput.of(441, new ImageShape(21, 21)), FeatureScaler.of(new float[441], new float[441]),
                ClassLabels.indices(4)));
        assertEquals("the network takes 400 input features, the input has 441", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainedModel("test", cnn,
                ModelInput.of(400, new ImageShape(20, 20)), scaler, ClassLabels.indices(5)));
        assertEquals("the network's output layer has 4 units, the labels 5 classes", e.getMessage());
    }

    @Test
    void aRunFromBeforeModelJsonIsRefusedWithWhatToDo(@TempDir Path dir) throws IOException {
        Path old = copyRun(dir);
        Files.delete(old.resolve("model.json"));
        Files.delete(old.resolve("network.json"));

        assertRefused(old, "file:" + old + "/model.json is missing: model.zip there was written by a milr from"
                + " before runs kept their feature scaling and input description beside the model, so it cannot be"
                + " applied as it was trained. 'milr train --resume file:" + old + "' writes model.json and"
                + " network.json from the run's last checkpoint and training data; or train the run again.");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertRefused(empty, "file:" + empty + ": holds no model.json and no model.zip; expected the run directory"
                + " (--out) of a train run, which writes them after every epoch.");
        assertRefused(dir.resolve("absent"), dir.resolve("absent") + ": no such run directory.");
    }

    @Test
    void filesThatAreNotTheOnesModelJsonRecordsAreRefused(@TempDir Path dir) throws IOException {
        TrainedRun run = TrainedRun.get();
        String notTheFile = ": it is not the file model.json was written with (a write or copy cut short, or read"
                + " while the run was writing an epoch's model): copy the run directory again, or load it again once"
                + " the epoch is written.";

        // The run stopped after writing an epoch's model.zip, before its model.json: here the untrained one's.
        Path stale = copyRun(dir.resolve("a"));
        Files.copy(run.dir().resolve("checkpoints/epoch-0000/model.zip"), stale.resolve("model.zip"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long recorded = Files.size(run.dir().resolve("model.zip"));
        long found = Files.size(stale.resolve("model.zip"));
        assertRefused(stale, "file:" + stale + "/model.zip " + (found != recorded
                ? "has " + found + " bytes, model.json records " + recorded + " (cut short?)"
                : "does not have the CRC-32 model.json records (damaged?)") + notTheFile);

        Path cutShort = copyRun(dir.resolve("b"));
        byte[] zip = Files.readAllBytes(cutShort.resolve("model.zip"));
        Files.write(cutShort.resolve("model.zip"), Arrays.copyOf(zip, zip.length / 2));
        assertRefused(cutShort, "file:" + cutShort + "/model.zip has " + zip.length / 2 + " bytes, model.json records "
                + zip.length + " (cut short?)" + notTheFile);

        Path damaged = copyRun(dir.resolve("c"));
        String network = Files.readString(damaged.resolve("network.json"));
        assertTrue(network.contains("\"seed\" : 42"), network.substring(0, 300));
        Files.writeString(damaged.resolve("network.json"), network.replace("\"seed\" : 42", "\"seed\" : 43"));
        assertRefused(damaged, "file:" + damaged + "/network.json does not have the CRC-32 model.json records"
                + " (damaged?)" + notTheFile);

        Path missing = copyRun(dir.resolve("d"));
        Files.delete(missing.resolve("network.json"));
        assertRefused(missing, "file:" + missing + "/network.json is missing (model.json lists it): copy the run"
                + " directory whole.");
    }

    @Test
    void aNetworkJsonThatIsNotModelZipsConfigurationIsRefused(@TempDir Path dir) throws IOException {
        Path run = copyRun(dir);
        ObjectNode network = (ObjectNode) JSON.readTree(run.resolve("network.json").toFile());
        JsonNode firstLayer = network.at("/confs/0/layer");
        assertEquals(32, firstLayer.get("nout").asInt(), firstLayer.toString());
        ((ObjectNode) firstLayer).put("nout", 33);
        writeAndRecord(run, "network.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(network));

        assertRefused(run, "file:" + run + "/network.json is not the configuration of the network in model.zip (its"
                + " configuration.json): /confs/0/layer/nout is 33 in network.json, 32 in model.zip. milr writes both"
                + " from one network; was network.json edited?");
    }

    @Test
    void aModelJsonThatDoesNotFitTheNetworkIsRefused(@TempDir Path dir) throws IOException {
        String doesNotDescribe = "/model.json does not describe the network in model.zip: ";
        String edited = ". milr writes them as one set; was model.json edited or taken from another run?";

        Path features = copyRun(dir.resolve("a"));
        editManifest(features, manifest -> {
            manifest.with("input").put("features", 780).put("image_shape", "30x26");
            truncate(manifest.with("scaling").withArray("offset"), 780);
            truncate(manifest.with("scaling").withArray("divisor"), 780);
        });
        assertRefused(features, "file:" + features + doesNotDescribe + "the network takes 784 input features, the input"
                + " has 780" + edited);

        Path classes = copyRun(dir.resolve("b"));
        editManifest(classes, manifest -> manifest.with("labels").put("classes", 9));
        assertRefused(classes, "file:" + classes + doesNotDescribe + "the network's output layer has 10 units, the"
                + " labels 9 classes" + edited);

        Path scaling = copyRun(dir.resolve("c"));
        editManifest(scaling, manifest -> {
            truncate(manifest.with("scaling").withArray("offset"), 783);
            truncate(manifest.with("scaling").withArray("divisor"), 783);
        });
        assertRefused(scaling, "file:" + scaling + doesNotDescribe + "the scaling is for 783 features, the input has 784"
                + edited);

        Path shape = copyRun(dir.resolve("d"));
        editManifest(shape, manifest -> manifest.with("input").put("image_shape", "28x27"));
        assertRefused(shape, "file:" + shape + "/model.json: \"input\": the image shape 28x27 has 756 pixels, not 784"
                + " features; milr writes it whole, so it was changed since.");

        Path format = copyRun(dir.resolve("e"));
        editManifest(format, manifest -> manifest.put("format", "milr-model 2"));
        assertRefused(format, "file:" + format + "/model.json: \"format\" is 'milr-model 2', expected 'milr-model 1'"
                + " (a model of another milr version, or not a milr model).");

        Path cut = copyRun(dir.resolve("f"));
        String text = Files.readString(cut.resolve("model.json"));
        Files.writeString(cut.resolve("model.json"), text.substring(0, text.length() / 2));
        assertRefused(cut, "file:" + cut + "/model.json: not a whole JSON object (cut short?); milr writes it"
                + " atomically after model.zip and network.json, so it was changed or copied partly since: copy the"
                + " run directory again.");
    }

    private static void assertRefused(Path run, String message) {
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> TrainedModel.load(run.toString(), CONF));
        assertEquals(message, e.getMessage());
        assertTrue(!message.contains("\n"), "one line");
    }

    private static void assertBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        int[] want = new int[expected.length];
        int[] got = new int[actual.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = Float.floatToRawIntBits(expected[i]);
            got[i] = Float.floatToRawIntBits(actual[i]);
        }
        assertArrayEquals(want, got);
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static void truncate(ArrayNode array, int size) {
        while (array.size() > size) {
            array.remove(array.size() - 1);
        }
    }

    private interface Edit {
        void apply(ObjectNode manifest);
    }

    private static void editManifest(Path run, Edit edit) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(run.resolve("model.json").toFile());
        edit.apply(manifest);
        Files.writeString(run.resolve("model.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    }

    /** Replaces a file and updates model.json's record of it, as a consistent edit would. */
    private static void writeAndRecord(Path run, String name, String text) throws IOException {
        Files.writeString(run.resolve(name), text);
        FileDigest digest = FileDigest.of(new ByteArrayInputStream(Files.readAllBytes(run.resolve(name))));
        editManifest(run, manifest -> manifest.with("files").with(name).put("bytes", digest.bytes())
                .put("crc32", digest.crc32()));
    }

    /** The model files of the shared run (and its first checkpoint's model, for the stale case). */
    private static Path copyRun(Path to) throws IOException {
        Path from = TrainedRun.get().dir();
        Files.createDirectories(to);
        for (String file : List.of("model.zip", "network.json", "model.json", "config.properties")) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
        assertNotEquals(from, to);
        return to;
    }
}
