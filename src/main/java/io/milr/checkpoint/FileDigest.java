package io.milr.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * The length and CRC-32 of one file of a checkpoint, recorded in its state file: a file that does
 * not match (a copy cut short, an object store's rename that stopped half-way) marks the checkpoint
 * incomplete.
 */
record FileDigest(long bytes, long crc32) {

    static FileDigest of(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            crc.update(buffer, 0, n);
            bytes += n;
        }
        return new FileDigest(bytes, crc.getValue());
    }

    /** Passes bytes through to {@code out} and digests them; closing it leaves {@code out} open. */
    static final class Recorder extends FilterOutputStream {
        private final CRC32 crc = new CRC32();
        private long bytes;

        Recorder(OutputStream out) {
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

        FileDigest digest() {
            return new FileDigest(bytes, crc.getValue());
        }
    }
}
