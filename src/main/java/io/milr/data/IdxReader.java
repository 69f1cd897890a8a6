package io.milr.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import io.milr.storage.StorageFailure;

/**
 * Reads an IDX image/label pair (the MNIST file format, raw or gzipped) from any Hadoop file
 * system into {@link LabeledImages}.
 *
 * <p>Every problem with the files' contents is a {@link DataFormatException} naming the file;
 * failures of the file system itself are {@link io.milr.storage.StorageException}s when the user can fix
 * them (network, permissions), {@link UncheckedIOException}s otherwise.
 */
public final class IdxReader {

    static final int IMAGE_MAGIC = 2051;
    static final int LABEL_MAGIC = 2049;
    private static final int IMAGE_HEADER_BYTES = 16;
    private static final int LABEL_HEADER_BYTES = 8;
    private static final int BUFFER_BYTES = 1 << 16;
    // Java arrays stop a little short of Integer.MAX_VALUE.
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads the first {@code limit} examples ({@code limit <= 0}: all of them). Both headers are
     * always validated; with a limit only the needed bytes are read, so truncation of a gzipped
     * file after that prefix goes unnoticed (a raw file's length is always checked).
     */
    public static LabeledImages read(IdxPair files, int limit, Configuration conf) {
        try (IdxInput images = IdxInput.open(files.images(), conf);
             IdxInput labels = IdxInput.open(files.labels(), conf)) {
            ImageHeader imageHeader = checkedHeaders(images, labels);
            int count = imageHeader.count();
            int n = limit > 0 ? Math.min(limit, count) : count;
            byte[] pixels = images.readRecords(n, imageHeader.imageBytes(), count,
                    "images of " + imageHeader.rows() + "x" + imageHeader.cols());
            byte[] labelBytes = labels.readRecords(n, 1, count, "labels");
            return new LabeledImages(imageHeader.rows(), imageHeader.cols(), pixels, labelBytes);
        }
    }

    /** What an IDX pair's headers declare: the example count and the image size (both headers checked). */
    public record IdxShape(int count, int rows, int cols) {
    }

    /** Reads and checks both headers only. */
    public static IdxShape readShape(IdxPair files, Configuration conf) {
        try (IdxInput images = IdxInput.open(files.images(), conf);
             IdxInput labels = IdxInput.open(files.labels(), conf)) {
            ImageHeader header = checkedHeaders(images, labels);
            return new IdxShape(header.count(), header.rows(), header.cols());
        }
    }

    /**
     * Reads the {@code count} examples from record {@code first} on: the bytes before it are skipped
     * (a seek on raw files; decompressed and dropped when gzipped).
     */
    public static LabeledImages readRange(IdxPair files, int first, int count, Configuration conf) {
        try (IdxInput images = IdxInput.open(files.images(), conf);
             IdxInput labels = IdxInput.open(files.labels(), conf)) {
            ImageHeader header = checkedHeaders(images, labels);
            if (first < 0 || count < 0 || (long) first + count > header.count()) {
                throw new IllegalArgumentException("records " + first + ".." + ((long) first + count) + " of "
                        + files.images() + ", which holds " + header.count());
            }
            String what = "images of " + header.rows() + "x" + header.cols();
            images.skipRecords(first, header.imageBytes(), header.count(), what);
            labels.skipRecords(first, 1, header.count(), "labels");
            byte[] pixels = images.readRecords(count, header.imageBytes(), header.count(), what);
            byte[] labelBytes = labels.readRecords(count, 1, header.count(), "labels");
            return new LabeledImages(header.rows(), header.cols(), pixels, labelBytes);
        }
    }

    /**
     * Counts the first {@code limit} labels ({@code <= 0}: all) by class, streaming: the driver checks a
     * data set's labels without holding its examples.
     *
     * @throws DataFormatException naming the example whose label is outside {@code range}
     */
    public static long[] countLabels(IdxPair files, int limit, LabelRange range, Configuration conf) {
        try (IdxInput labels = IdxInput.open(files.labels(), conf)) {
            int count = readLabelHeader(labels);
            int n = limit > 0 ? Math.min(limit, count) : count;
            long[] counts = new long[range.classes()];
            int chunk = BUFFER_BYTES;
            for (int start = 0; start < n; start += chunk) {
                byte[] bytes = labels.readRecords(Math.min(chunk, n - start), 1, count, "labels");
                for (int i = 0; i < bytes.length; i++) {
                    int label = bytes[i] & 0xff;
                    if (!range.contains(label)) {
                        throw new DataFormatException(files.labels() + " example " + (start + i), range.problemWith(label));
                    }
                    counts[label]++;
                }
            }
            return counts;
        }
    }

    private static ImageHeader checkedHeaders(IdxInput images, IdxInput labels) {
        ImageHeader imageHeader = ImageHeader.readFrom(images);
        int labelCount = readLabelHeader(labels);
        if (imageHeader.count() != labelCount) {
            throw new DataFormatException(images.location(), "declares " + imageHeader.count()
                    + " images but its label file " + labels.location() + " declares "
                    + labelCount + " labels; expected the same count in both files");
        }
        return imageHeader;
    }

    private record ImageHeader(int count, int rows, int cols) {

        static ImageHeader readFrom(IdxInput in) {
            in.expectMagic(IMAGE_MAGIC, LABEL_MAGIC, "an image file", "a label file");
            int count = in.readNonNegativeInt("image count");
            int rows = in.readNonNegativeInt("row count");
            int cols = in.readNonNegativeInt("column count");
            if (rows == 0 || cols == 0) {
                throw new DataFormatException(in.location(), "declares images of " + rows + "x"
                        + cols + " pixels; expected at least one row and one column");
            }
            in.expectLength(IMAGE_HEADER_BYTES, (long) count * rows * cols,
                    count + " images of " + rows + "x" + cols);
            return new ImageHeader(count, rows, cols);
        }

        int imageBytes() {
            return rows * cols;
        }
    }

    private static int readLabelHeader(IdxInput in) {
        in.expectMagic(LABEL_MAGIC, IMAGE_MAGIC, "a label file", "an image file");
        int count = in.readNonNegativeInt("label count");
        in.expectLength(LABEL_HEADER_BYTES, count, count + " labels");
        return count;
    }

    /** One open IDX file, transparently gunzipped; all errors name the file. */
    private static final class IdxInput implements Closeable {

        private final Path path;
        private final DataInputStream in;
        private final boolean gzipped;
        private final long fileLength;
        private long bytesRead;

        private IdxInput(Path path, DataInputStream in, boolean gzipped, long fileLength) {
            this.path = path;
            this.in = in;
            this.gzipped = gzipped;
            this.fileLength = fileLength;
        }

        static IdxInput open(Path path, Configuration conf) {
            InputStream raw = null;
            try {
                FileSystem fs = path.getFileSystem(conf);
                long length = fs.getFileStatus(path).getLen();
                raw = fs.open(path, BUFFER_BYTES);
                BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
                boolean gzipped = startsWithGzipMagic(buffered);
                InputStream content = gzipped ? gunzip(path, buffered) : buffered;
                return new IdxInput(path, new DataInputStream(content), gzipped, length);
            } catch (IOException e) {
                closeQuietly(raw);
                throw StorageFailure.onPath("cannot open", path, e);
            }
        }

        // The name is not trusted: a .gz may have been unpacked in place, or vice versa.
        private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            return first == 0x1f && second == 0x8b;
        }

        private static InputStream gunzip(Path path, InputStream in) throws IOException {
            try {
                return new GZIPInputStream(in, BUFFER_BYTES);
            } catch (ZipException | EOFException e) {
                throw notGzip(path, e);
            }
        }

        String location() {
            return path.toString();
        }

        void expectMagic(int expected, int sibling, String expectedKind, String siblingKind) {
            int magic = readInt("IDX magic number");
            if (magic == expected) {
                return;
            }
            String guess = magic == sibling ? " (" + siblingKind + "?)"
                    : String.format(" (0x%08x, not an IDX file of unsigned bytes?)", magic);
            throw new DataFormatException(location(), "IDX magic number is " + magic + guess
                    + ", expected " + expected + " for " + expectedKind);
        }

        int readNonNegativeInt(String what) {
            int value = readInt(what);
            if (value < 0) {
                throw new DataFormatException(location(), "IDX header declares a " + what + " of "
                        + value + "; expected a non-negative number");
            }
            return value;
        }

        private int readInt(String what) {
            try {
                int value = in.readInt();
                bytesRead += Integer.BYTES;
                return value;
            } catch (EOFException e) {
                throw new DataFormatException(location(), "file is truncated: it ends inside the"
                        + " IDX header, before its " + what + "; expected a complete IDX header", e);
            } catch (ZipException e) {
                throw notGzip(path, e);
            } catch (IOException e) {
                throw StorageFailure.onPath("cannot read", path, e);
            }
        }

        /** For raw files the length tells up front whether the declared data is all there. */
        void expectLength(int headerBytes, long declaredBodyBytes, String declared) {
            if (!gzipped && fileLength < headerBytes + declaredBodyBytes) {
                throw truncated(headerBytes, declaredBodyBytes, declared,
                        fileLength - headerBytes);
            }
        }

        /** Skips {@code n} records; running out of data first is a truncated file. */
        void skipRecords(long n, int recordBytes, int declaredCount, String what) {
            long wanted = n * recordBytes;
            long headerBytes = bytesRead;
            try {
                in.skipNBytes(wanted);
            } catch (EOFException e) {
                throw truncated(headerBytes, (long) declaredCount * recordBytes, declaredCount + " " + what, 0);
            } catch (ZipException e) {
                throw notGzip(path, e);
            } catch (IOException e) {
                throw StorageFailure.onPath("cannot read", path, e);
            }
            bytesRead += wanted;
        }

        /** Reads the first {@code n} records of {@code recordBytes} bytes each. */
        byte[] readRecords(int n, int recordBytes, int declaredCount, String what) {
            long wanted = (long) n * recordBytes;
            if (wanted > MAX_ARRAY_BYTES) {
                throw new DataFormatException(location(), "reading " + n + " " + what + " needs "
                        + wanted + " bytes, more than a Java array holds; expected at most "
                        + MAX_ARRAY_BYTES + " (read fewer with a limit)");
            }
            long headerBytes = bytesRead;
            byte[] bytes = new byte[(int) wanted];
            int got = readAsMuchAsPossible(bytes);
            if (got < bytes.length) {
                throw truncated(headerBytes, (long) declaredCount * recordBytes,
                        declaredCount + " " + what, got);
            }
            return bytes;
        }

        private int readAsMuchAsPossible(byte[] bytes) {
            int got = 0;
            try {
                while (got < bytes.length) {
                    int r = in.read(bytes, got, bytes.length - got);
                    if (r < 0) {
                        break;
                    }
                    got += r;
                }
            } catch (EOFException e) {
                // GZIPInputStream's way of saying the compressed data stops early: truncation.
            } catch (ZipException e) {
                throw notGzip(path, e);
            } catch (IOException e) {
                throw StorageFailure.onPath("cannot read", path, e);
            }
            bytesRead += got;
            return got;
        }

        private DataFormatException truncated(long headerBytes, long declaredBodyBytes,
                String declared, long presentBodyBytes) {
            return new DataFormatException(location(), "file is truncated: its header declares "
                    + declared + ", i.e. " + declaredBodyBytes + " bytes after the " + headerBytes
                    + "-byte header, but " + (gzipped ? "its decompressed content" : "the file")
                    + " ends after " + Math.max(0, presentBodyBytes) + " of them");
        }

        private static DataFormatException notGzip(Path path, IOException e) {
            return new DataFormatException(path.toString(), "starts like a gzip file but is not a"
                    + " valid gzip stream (" + e.getMessage() + "); expected a raw or gzipped IDX"
                    + " file", e);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
            }
        }

        private static void closeQuietly(InputStream in) {
            if (in == null) {
                return;
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // Already failing with a more useful exception.
            }
        }
    }
}
