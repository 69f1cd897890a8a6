package io.milr.bench;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code result.json}, a {@link SystemRun} passed from a child process to the bench. */
final class BenchJson {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BenchJson() {
    }

    static void write(Path file, SystemRun run) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot write " + file, e);
        }
    }

    static SystemRun read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("bench: the child process ended without writing " + file);
        }
        try {
            return JSON.readValue(file.toFile(), SystemRun.class);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: " + file + " is not a readable result: " + e.getMessage(), e);
        }
    }
}
