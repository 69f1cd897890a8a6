package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged or mismatched IDX files fail with messages that name the file and the expectation. */
class IdxReaderErrorsTest {

    private static final Configuration CONF = new Configuration();
    private static final LabeledImages SMALL = IdxBytes.numbered(5, 3);

    @TempDir
    Path dir;

    private DataFormatException readFails(String name) {
        IdxPair files = IdxFiles.locate(dir.resolve(name).toString(), CONF);
        return assertThrows(DataFormatException.class, () -> IdxReader.read(files, 0, CONF));
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void labelFileInPlaceOfImagesIsRecognised() throws IOException {
        IdxBytes.writePair(dir, "swapped", IdxBytes.labelFile(SMALL), IdxBytes.labelFile(SMALL));

        DataFormatException e = readFails("swapped");

        assertMentions(e.getMessage(), "swapped-images-idx3-ubyte",
                "IDX magic number is 2049 (a label file?), expected 2051 for an image file");
        assertTrue(e.location().startsWith("file:"), e.location());
    }

    @Test
    void imageFileInPlaceOfLabelsIsRecognised() throws IOException {
        IdxBytes.writePair(dir, "swapped", IdxBytes.imageFile(SMALL), IdxBytes.imageFile(SMALL));

        assertMentions(readFails("swapped").getMessage(), "swapped-labels-idx1-ubyte",
                "IDX magic number is 2051 (an image file?), expected 2049 for a label file");
    }

    @Test
    void arbitraryBytesAreNotAnIdxFile() throws IOException {
        byte[] text = "hello, this is not IDX at all".getBytes();
        IdxBytes.writePair(dir, "text", text, IdxBytes.labelFile(SMALL));

        assertMentions(readFails("text").getMessage(), "text-images-idx3-ubyte",
                "0x68656c6c", "expected 2051 for an image file");
    }

    @Test
    void truncatedRawImageFileIsDetectedEvenWithALimit() throws IOException {
        byte[] images = IdxBytes.imageFile(SMALL);
        IdxBytes.writePair(dir, "cut", Arrays.copyOf(images, images.length - 7),
                IdxBytes.labelFile(SMALL));
        IdxPair files = IdxFiles.locate(dir.resolve("cut").toString(), CONF);

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read(files, 1, CONF));

        assertMentions(e.getMessage(), "cut-images-idx3-ubyte", "truncated",
                "5 images of 2x3", "30 bytes after the 16-byte header", "ends after 23");
    }

    @Test
    void truncatedGzippedLabelFileIsDetected() throws IOException {
        byte[] labels = IdxBytes.labelFile(SMALL);
        Files.write(dir.resolve("cut-images-idx3-ubyte"), IdxBytes.imageFile(SMALL));
        Files.write(dir.resolve("cut-labels-idx1-ubyte.gz"),
                IdxBytes.gzip(Arrays.copyOf(labels, labels.length - 2)));

        assertMentions(readFails("cut").getMessage(), "cut-labels-idx1-ubyte.gz", "truncated",
                "5 labels", "decompressed content ends after 3");
    }

    @Test
    void gzipStreamCutShortIsDetected() throws IOException {
        byte[] gzipped = IdxBytes.gzip(IdxBytes.imageFile(IdxBytes.numbered(400, 3)));
        Files.write(dir.resolve("cut-images-idx3-ubyte.gz"), Arrays.copyOf(gzipped, 40));
        Files.write(dir.resolve("cut-labels-idx1-ubyte"), IdxBytes.labelFile(IdxBytes.numbered(400, 3)));

        assertMentions(readFails("cut").getMessage(), "cut-images-idx3-ubyte.gz", "truncated");
    }

    @Test
    void headerCutShortIsDetected() throws IOException {
        IdxBytes.writePair(dir, "stub", Arrays.copyOf(IdxBytes.imageFile(SMALL), 10),
                IdxBytes.labelFile(SMALL));

        assertMentions(readFails("stub").getMessage(), "stub-images-idx3-ubyte",
                "ends inside the IDX header", "row count");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        LabeledImages fewer = SMALL.first(4);
        IdxBytes.writePair(dir, "mismatch", IdxBytes.imageFile(SMALL), IdxBytes.labelFile(fewer));

        assertMentions(readFails("mismatch").getMessage(), "mismatch-images-idx3-ubyte",
                "declares 5 images", "mismatch-labels-idx1-ubyte", "declares 4 labels",
                "expected the same count");
    }

    @Test
    void emptyImageSizeIsRejected() throws IOException {
        IdxBytes.writePair(dir, "flat",
                IdxBytes.imageFile(IdxReader.IMAGE_MAGIC, 5, 0, 3, new byte[0]),
                IdxBytes.labelFile(SMALL));

        assertMentions(readFails("flat").getMessage(), "flat-images-idx3-ubyte", "0x3",
                "expected at least one row");
    }

    @Test
    void negativeCountIsRejected() throws IOException {
        IdxBytes.writePair(dir, "negative",
                IdxBytes.imageFile(IdxReader.IMAGE_MAGIC, -5, 2, 3, new byte[0]),
                IdxBytes.labelFile(SMALL));

        assertMentions(readFails("negative").getMessage(), "image count of -5",
                "expected a non-negative number");
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        IdxBytes.writePair(dir, "disguised", IdxBytes.gzip(IdxBytes.imageFile(SMALL)),
                IdxBytes.gzip(IdxBytes.labelFile(SMALL)));
        IdxPair files = IdxFiles.locate(dir.resolve("disguised").toString(), CONF);

        assertEquals(SMALL, IdxReader.read(files, 0, CONF));
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        byte[] gzipped = IdxBytes.gzip(IdxBytes.imageFile(SMALL));
        for (int i = 10; i < gzipped.length - 8; i++) {
            gzipped[i] = (byte) 0xff;
        }
        IdxBytes.writePair(dir, "corrupt", gzipped, IdxBytes.labelFile(SMALL));

        assertMentions(readFails("corrupt").getMessage(), "corrupt-images-idx3-ubyte",
                "not a valid gzip stream");
    }

    @Test
    void emptyDataSetIsValid() throws IOException {
        LabeledImages none = SMALL.first(0);
        IdxBytes.writePair(dir, "empty", IdxBytes.imageFile(none), IdxBytes.labelFile(none));
        IdxPair files = IdxFiles.locate(dir.resolve("empty").toString(), CONF);

        LabeledImages read = IdxReader.read(files, 0, CONF);

        assertEquals(0, read.size());
        assertEquals(0, read.numClasses());
    }
}
