package io.milr.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The length and CRC-32 of one file of a set written together (a checkpoint, a run's model files),
 * recorded in the file of the set written last, its manifest: a file that does not match (a copy cut
 * short, an object store's rename that stopped half-way, a rewrite the manifest never followed) marks
 * the set incomplete.
 */
public record FileDigest(long bytes, long crc32) {

    public static FileDigest of(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            crc.update(buffer, 0, n);
            bytes += n;
        }
        return new FileDigest(bytes, crc.getValue());
    }

    /**
     * How this digest (of the file as found) differs from {@code recorded}, for a message that starts
     * with the file's name; empty when they agree. {@code manifest} names the file that recorded it.
     */
    public Optional<String> disagreement(FileDigest recorded, String manifest) {
        if (bytes != recorded.bytes) {
            return Optional.of("has " + bytes + " bytes, " + manifest + " records " + recorded.bytes + " (cut short?)");
        }
        if (crc32 != recorded.crc32) {
            return Optional.of("does not have the CRC-32 " + manifest + " records (damaged?)");
        }
        return Optional.empty();
    }

    /** Writes {@code files} as the manifest object {@code "files"} of {@code into}: name to bytes and crc32. */
    public static void putManifest(ObjectNode into, Map<String, FileDigest> files) {
        ObjectNode manifest = into.putObject("files");
        files.forEach((name, digest) -> manifest.putObject(name).put("bytes", digest.bytes()).put("crc32", digest.crc32()));
    }

    /**
     * The manifest object {@code "files"} of {@code from}: file name to digest, in the order written.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static Map<String, FileDigest> manifest(JsonNode from) {
        JsonNode files = from.get("files");
        if (files == null || !files.isObject()) {
            throw new IllegalArgumentException("\"files\" is missing or not an object");
        }
        Map<String, FileDigest> digests = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            JsonNode digest = file.getValue();
            if (!wholeNumber(digest.path("bytes")) || !wholeNumber(digest.path("crc32"))) {
                throw new IllegalArgumentException("\"files\".\"" + file.getKey() + "\" must hold \"bytes\" and \"crc32\" as whole numbers");
            }
            digests.put(file.getKey(), new FileDigest(digest.get("bytes").asLong(), digest.get("crc32").asLong()));
        }
        return digests;
    }

    private static boolean wholeNumber(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong();
    }

    /** Passes bytes through to {@code out} and digests them; closing it leaves {@code out} open. */
    public static final class Recorder extends FilterOutputStream {
        private final CRC32 crc = new CRC32();
        private long bytes;

        public Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            crc.update(b, off, len);
            bytes += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        public FileDigest digest() {
            return new FileDigest(bytes, crc.getValue());
        }
    }
}
