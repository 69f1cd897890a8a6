package io.milr.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milr.lr.PolicyState;
import io.milr.report.FileDigest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code state.json} of a checkpoint, written and read here only: format, epoch, seed, the
 * policy's state, the effective configuration, and the length and CRC-32 of every other file (the
 * manifest that tells a complete checkpoint from a partial one). Numbers are written with every
 * digit Java needs to read back the same double; NaN (no LR, no reading) is null.
 */
final class StateFile {
    static final String FORMAT = "milr-checkpoint 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFile() {
    }

    /** What state.json holds apart from the network and the metrics, which are files of their own. */
    record Content(int epoch, long seed, PolicyState policy, Map<String, String> config) {
    }

    static String json(Content content, Map<String, FileDigest> files) {
        ObjectNode state = JSON.createObjectNode();
        state.put("format", FORMAT);
        state.put("epoch", content.epoch());
        state.put("seed", content.seed());
        state.set("policy", policy(content.policy()));
        ObjectNode config = state.putObject("config");
        content.config().forEach(config::put);
        FileDigest.putManifest(state, files);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint state as JSON", e);
        }
    }

    private static ObjectNode policy(PolicyState policy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", policy.kind());
        node.put("epoch", policy.epoch());
        ArrayNode rates = node.putArray("lr");
        for (double rate : policy.learningRates()) {
            if (Double.isNaN(rate)) {
                rates.addNull();
            } else {
                rates.add(rate);
            }
        }
        putNumber(node, "last_output_mi_norm", policy.lastOutputMiNorm());
        putNumber(node, "lr_max", policy.lrMax());
        putNumber(node, "lr_start", policy.lrStart());
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** The whole JSON object, or empty when the text is not one (a file cut short). */
    static Optional<JsonNode> whole(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The manifest: file name to digest. */
    static Map<String, FileDigest> files(JsonNode state) {
        return FileDigest.manifest(state);
    }

    /**
     * Reads the content; an {@link IllegalArgumentException} says which field is wrong and what it
     * should be.
     */
    static Content content(JsonNode state) {
        String format = state.path("format").asText("");
        if (!format.equals(FORMAT)) {
            throw new IllegalArgumentException("\"format\" is '" + format + "', expected '" + FORMAT + "'");
        }
        int epoch = integer(state, "epoch");
        JsonNode seed = state.get("seed");
        if (seed == null || !wholeNumber(seed)) {
            throw new IllegalArgumentException("\"seed\" is missing or not a whole number");
        }
        JsonNode policy = object(state, "policy");
        JsonNode rates = policy.get("lr");
        if (rates == null || !rates.isArray()) {
            throw new IllegalArgumentException("\"policy\".\"lr\" is missing or not an array");
        }
        double[] learningRates = new double[rates.size()];
        for (int l = 0; l < learningRates.length; l++) {
            learningRates[l] = numberOrNull(rates.get(l), "\"policy\".\"lr\"[" + l + "]");
        }
        PolicyState policyState = new PolicyState(policy.path("kind").asText(""), integer(policy, "epoch"),
                learningRates, numberOrNull(policy.get("last_output_mi_norm"), "\"policy\".\"last_output_mi_norm\""),
                numberOrNull(policy.get("lr_max"), "\"policy\".\"lr_max\""),
                numberOrNull(policy.get("lr_start"), "\"policy\".\"lr_start\""));
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(state, "config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("\"config\".\"" + entry.getKey() + "\" is not a string");
            }
            config.put(entry.getKey(), entry.getValue().asText());
        }
        return new Content(epoch, seed.asLong(), policyState, config);
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not an object");
        }
        return value;
    }

    private static int integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or not a whole number >= 0");
        }
        return value.asInt();
    }

    private static boolean wholeNumber(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong();
    }

    private static double numberOrNull(JsonNode value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(what + " is not a number: " + value);
        }
        return value.asDouble();
    }
}
