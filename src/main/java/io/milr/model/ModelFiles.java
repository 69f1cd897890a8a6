package io.milr.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.data.FeatureScaler;
import io.milr.data.ImageShape;
import io.milr.report.FileDigest;
import io.milr.report.RunDirectory;
import io.milr.report.RunDirectoryException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.milr.model.TrainedModel.MANIFEST;
import static io.milr.model.TrainedModel.MODEL_ZIP;
import static io.milr.model.TrainedModel.NETWORK_JSON;

/**
 * A {@link TrainedModel}'s files in a run directory, written and read here only. model.json holds the
 * format, the input description, the scaling (every float written as Java's shortest decimal for it
 * and read back from that text, so bit for bit), the classes, and the manifest of model.zip and
 * network.json.
 */
final class ModelFiles {
    static final String FORMAT = "milr-model 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {
    }

    static void write(TrainedModel model, RunDirectory run) {
        MultiLayerNetwork network = model.network();
        Map<String, FileDigest> files = new LinkedHashMap<>();
        files.put(MODEL_ZIP, run.writeDigested(MODEL_ZIP, out -> ModelSerializer.writeModel(network, out, true)));
        byte[] configuration = network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8);
        files.put(NETWORK_JSON, run.writeDigested(NETWORK_JSON, out -> out.write(configuration)));
        run.writeString(MANIFEST, json(model, files));
    }

    static String json(TrainedModel model, Map<String, FileDigest> files) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode input = root.putObject("input");
        input.put("features", model.input().numFeatures());
        input.put("image_shape", model.input().shape().toString());
        ArrayNode columns = input.putArray("feature_columns");
        model.input().featureColumns().forEach(columns::add);
        ObjectNode scaling = root.putObject("scaling");
        ArrayNode offsets = scaling.putArray("offset");
        for (float value : model.scaler().offsets()) {
            offsets.add(value);
        }
        ArrayNode divisors = scaling.putArray("divisor");
        for (float value : model.scaler().divisors()) {
            divisors.add(value);
        }
        ObjectNode labels = root.putObject("labels");
        labels.put("classes", model.labels().classes());
        ArrayNode names = labels.putArray("names");
        model.labels().names().forEach(names::add);
        FileDigest.putManifest(root, files);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a model description as JSON", e);
        }
    }

    static TrainedModel read(RunDirectory run) {
        String manifestPath = run.path(MANIFEST).toString();
        if (!run.exists(MANIFEST)) {
            if (run.exists(MODEL_ZIP)) {
                throw new RunDirectoryException(manifestPath + " is missing: " + MODEL_ZIP + " there was written by a"
                        + " milr from before runs kept their feature scaling and input description beside the model,"
                        + " so it cannot be applied as it was trained. 'milr train --resume " + run.uri() + "' writes "
                        + MANIFEST + " and " + NETWORK_JSON + " from the run's last checkpoint and training data;"
                        + " or train the run again.");
            }
            throw new RunDirectoryException(run.uri() + ": holds no " + MANIFEST + " and no " + MODEL_ZIP
                    + "; expected the run directory (--out) of a train run, which writes them after every epoch.");
        }
        String text = run.readString(MANIFEST);
        JsonNode root = whole(text).orElseThrow(() -> new RunDirectoryException(manifestPath + ": not a whole JSON object"
                + " (cut short?); milr writes it atomically after " + MODEL_ZIP + " and " + NETWORK_JSON
                + ", so it was changed or copied partly since: copy the run directory again."));
        String format = root.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new RunDirectoryException(manifestPath + ": \"format\" is '" + format + "', expected '" + FORMAT
                    + "' (a model of another milr version, or not a milr model).");
        }
        Map<String, FileDigest> recorded;
        try {
            recorded = FileDigest.manifest(root);
        } catch (IllegalArgumentException e) {
            throw corrupt(manifestPath, e.getMessage());
        }
        for (String name : List.of(MODEL_ZIP, NETWORK_JSON)) {
            requireRecorded(run, name, recorded.get(name), manifestPath);
        }
        String networkJson = run.readString(NETWORK_JSON);
        requireSameConfiguration(run, networkJson);
        MultiLayerNetwork network;
        try (InputStream in = run.fileSystem().open(run.path(MODEL_ZIP))) {
            network = ModelSerializer.restoreMultiLayerNetwork(in, false);
        } catch (IOException | RuntimeException e) {
            throw new RunDirectoryException(run.path(MODEL_ZIP) + ": cannot be read as a DL4J model: " + e.getMessage(), e);
        }
        ModelInput input;
        FeatureScaler scaler;
        ClassLabels labels;
        try {
            input = input(root);
            scaler = scaler(root, text);
            labels = labels(root);
        } catch (IllegalArgumentException e) {
            throw corrupt(manifestPath, e.getMessage());
        }
        Optional<String> problem = TrainedModel.disagreement(network, input, scaler, labels);
        if (problem.isPresent()) {
            throw new RunDirectoryException(manifestPath + " does not describe the network in " + MODEL_ZIP + ": "
                    + problem.get() + ". milr writes them as one set; was " + MANIFEST + " edited or taken from"
                    + " another run?");
        }
        return new TrainedModel(run.uri(), network, input, scaler, labels);
    }

    private static RunDirectoryException corrupt(String manifestPath, String problem) {
        return new RunDirectoryException(manifestPath + ": " + problem + "; milr writes it whole, so it was changed since.");
    }

    private static void requireRecorded(RunDirectory run, String name, FileDigest recorded, String manifestPath) {
        if (recorded == null) {
            throw corrupt(manifestPath, "\"files\" does not list " + name);
        }
        if (!run.exists(name)) {
            throw new RunDirectoryException(run.path(name) + " is missing (" + MANIFEST + " lists it): copy the run"
                    + " directory whole.");
        }
        Optional<String> disagreement = run.digest(name).disagreement(recorded, MANIFEST);
        if (disagreement.isPresent()) {
            throw new RunDirectoryException(run.path(name) + " " + disagreement.get() + ": it is not the file "
                    + MANIFEST + " was written with (a write or copy cut short, or read while the run was writing"
                    + " an epoch's model): copy the run directory again, or load it again once the epoch is written.");
        }
    }

    /** network.json must be the configuration model.zip holds (DL4J's configuration.json in it), as JSON. */
    private static void requireSameConfiguration(RunDirectory run, String networkJson) {
        Optional<JsonNode> written = whole(networkJson);
        if (written.isEmpty()) {
            throw new RunDirectoryException(run.path(NETWORK_JSON) + ": not a whole JSON object; expected the DL4J"
                    + " configuration of the network in " + MODEL_ZIP + ".");
        }
        JsonNode inZip = zippedConfiguration(run);
        Optional<String> difference = difference("", written.get(), inZip);
        if (difference.isPresent()) {
            throw new RunDirectoryException(run.path(NETWORK_JSON) + " is not the configuration of the network in "
                    + MODEL_ZIP + " (its " + ModelSerializer.CONFIGURATION_JSON + "): " + difference.get()
                    + ". milr writes both from one network; was " + NETWORK_JSON + " edited?");
        }
    }

    private static JsonNode zippedConfiguration(RunDirectory run) {
        try (ZipInputStream zip = new ZipInputStream(run.fileSystem().open(run.path(MODEL_ZIP)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    return whole(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).orElseThrow(
                            () -> new RunDirectoryException(run.path(MODEL_ZIP) + ": its "
                                    + ModelSerializer.CONFIGURATION_JSON + " is not a whole JSON object."));
                }
            }
        } catch (IOException e) {
            throw new RunDirectoryException(run.path(MODEL_ZIP) + ": cannot be read as a zip file: " + e.getMessage(), e);
        }
        throw new RunDirectoryException(run.path(MODEL_ZIP) + ": holds no " + ModelSerializer.CONFIGURATION_JSON
                + "; expected a DL4J model.");
    }

    /** The first place where {@code a} (network.json) and {@code b} (model.zip's) differ, as a JSON pointer. */
    private static Optional<String> difference(String at, JsonNode a, JsonNode b) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name)) {
                    return Optional.of(at + "/" + name + " is only in " + NETWORK_JSON);
                }
                Optional<String> inside = difference(at + "/" + name, a.get(name), b.get(name));
                if (inside.isPresent()) {
                    return inside;
                }
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!a.has(name)) {
                    return Optional.of(at + "/" + name + " is only in " + MODEL_ZIP);
                }
            }
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                Optional<String> inside = difference(at + "/" + i, a.get(i), b.get(i));
                if (inside.isPresent()) {
                    return inside;
                }
            }
        }
        return Optional.of((at.isEmpty() ? "/" : at) + " is " + brief(a) + " in " + NETWORK_JSON + ", " + brief(b)
                + " in " + MODEL_ZIP);
    }

    private static String brief(JsonNode node) {
        String text = node.toString();
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static ModelInput input(JsonNode root) {
        JsonNode input = object(root, "input");
        int features = positive(input, "features", "\"input\"");
        JsonNode shapeText = input.get("image_shape");
        if (shapeText == null || !shapeText.isTextual()) {
            throw new IllegalArgumentException("\"input\".\"image_shape\" is missing or not a string HxW");
        }
        ImageShape shape;
        try {
            shape = ImageShape.parse(shapeText.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"input\".\"image_shape\": " + e.getMessage());
        }
        List<String> columns = strings(input, "feature_columns", "\"input\"");
        try {
            return new ModelInput(features, shape, columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"input\": " + e.getMessage());
        }
    }

    private static ClassLabels labels(JsonNode root) {
        JsonNode labels = object(root, "labels");
        int classes = positive(labels, "classes", "\"labels\"");
        try {
            return new ClassLabels(classes, strings(labels, "names", "\"labels\""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"labels\": " + e.getMessage());
        }
    }

    /** The scaling's floats, each parsed from its own text in {@code text} (not via a double). */
    private static FeatureScaler scaler(JsonNode root, String text) {
        JsonNode scaling = object(root, "scaling");
        for (String field : List.of("offset", "divisor")) {
            JsonNode values = scaling.get(field);
            if (values == null || !values.isArray()) {
                throw new IllegalArgumentException("\"scaling\".\"" + field + "\" is missing or not an array");
            }
            for (int f = 0; f < values.size(); f++) {
                if (!values.get(f).isNumber()) {
                    throw new IllegalArgumentException("\"scaling\".\"" + field + "\"[" + f + "] is not a number: "
                            + values.get(f));
                }
            }
        }
        float[] offsets = floats(text, "/scaling/offset");
        float[] divisors = floats(text, "/scaling/divisor");
        if (offsets.length != divisors.length) {
            throw new IllegalArgumentException("\"scaling\" has " + offsets.length + " offsets and " + divisors.length
                    + " divisors; expected one of each per feature");
        }
        for (int f = 0; f < offsets.length; f++) {
            if (!Float.isFinite(offsets[f]) || !Float.isFinite(divisors[f])) {
                throw new IllegalArgumentException("\"scaling\" of feature " + f + " is not finite as a float: offset "
                        + offsets[f] + ", divisor " + divisors[f]);
            }
        }
        return FeatureScaler.of(offsets, divisors);
    }

    /** The numbers of the array at {@code pointer} (e.g. /scaling/offset), from their text. */
    private static float[] floats(String text, String pointer) {
        List<Float> values = new ArrayList<>();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isNumeric() && parser.getParsingContext().inArray()
                        && parser.getParsingContext().getParent().pathAsPointer().toString().equals(pointer)) {
                    values.add(Float.parseFloat(parser.getText()));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read as JSON: " + e.getMessage());
        }
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not an object");
        }
        return value;
    }

    private static int positive(JsonNode node, String field, String in) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException(in + ".\"" + field + "\" is missing or not a whole number >= 1");
        }
        return value.asInt();
    }

    private static List<String> strings(JsonNode node, String field, String in) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(in + ".\"" + field + "\" is missing or not an array");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException(in + ".\"" + field + "\" holds " + element + ", not a string");
            }
            strings.add(element.asText());
        }
        return strings;
    }

    /** The whole JSON object, or empty when the text is not one (a file cut short). */
    private static Optional<JsonNode> whole(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
