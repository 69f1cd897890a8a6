package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real MNIST and Fashion-MNIST files fetched by scripts/fetch-data.sh. */
class RealDataTest {

    private static final Configuration CONF = new Configuration();
    private static LabeledImages mnistTrain;
    private static LabeledImages mnistTest;

    @BeforeAll
    static void readMnist() {
        mnistTrain = IdxReader.read(IdxFiles.locate(DataOnDisk.mnistPrefix("train"), CONF), 0, CONF);
        mnistTest = IdxReader.read(IdxFiles.locate(DataOnDisk.mnistPrefix("t10k"), CONF), -1, CONF);
    }

    @Test
    void mnistTrainingSetHasItsKnownShapeAndFirstLabel() {
        assertEquals(60000, mnistTrain.size());
        assertEquals(28, mnistTrain.rows());
        assertEquals(28, mnistTrain.cols());
        assertEquals(784, mnistTrain.numFeatures());
        assertEquals(60000L * 784, mnistTrain.pixels().length);
        assertEquals(5, mnistTrain.label(0));
        assertEquals(10, mnistTrain.numClasses());
    }

    @Test
    void mnistTestSetHasItsKnownClassCounts() {
        assertEquals(10000, mnistTest.size());
        assertEquals(28, mnistTest.rows());
        assertEquals(28, mnistTest.cols());
        long[] counts = mnistTest.classCounts(10);
        assertEquals(10000, LongStream.of(counts).sum());
        assertArrayEquals(new long[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
    }

    @Test
    void mnistPixelsSpanTheFullUnsignedByteRange() {
        int min = 255;
        int max = 0;
        for (byte pixel : mnistTrain.pixels()) {
            min = Math.min(min, Byte.toUnsignedInt(pixel));
            max = Math.max(max, Byte.toUnsignedInt(pixel));
        }
        assertEquals(0, min);
        assertEquals(255, max, "pixels must be read unsigned");
    }

    @Test
    void gzippedCopyReadsTheSameAsTheRawFiles(@TempDir Path dir) throws IOException {
        for (String kind : new String[] {"images-idx3-ubyte", "labels-idx1-ubyte"}) {
            byte[] raw = Files.readAllBytes(DataOnDisk.MNIST_DIR.resolve("t10k-" + kind));
            Files.write(dir.resolve("t10k-" + kind + ".gz"), IdxBytes.gzip(raw));
        }
        IdxPair gzipped = IdxFiles.locate(dir.resolve("t10k").toString(), CONF);
        assertTrue(gzipped.images().getName().endsWith(".gz"));

        assertEquals(mnistTest, IdxReader.read(gzipped, 0, CONF));
    }

    @Test
    void limitReadsOnlyAPrefixEqualToTheStartOfAFullRead() {
        IdxPair files = IdxFiles.locate(DataOnDisk.mnistPrefix("train"), CONF);
        LabeledImages firstThousand = IdxReader.read(files, 1000, CONF);

        assertEquals(1000, firstThousand.size());
        assertEquals(1000 * 784, firstThousand.pixels().length);
        assertEquals(mnistTrain.first(1000), firstThousand);
        assertSame(mnistTrain, mnistTrain.first(60000));
    }

    @Test
    void limitBeyondTheCountReadsEverything() {
        IdxPair files = IdxFiles.locate(DataOnDisk.mnistPrefix("t10k"), CONF);
        assertEquals(mnistTest, IdxReader.read(files, 20000, CONF));
    }

    @Test
    void fashionMnistReadsThroughAFileUri() {
        String prefix = DataOnDisk.fashionPrefixUri("t10k");
        assertTrue(prefix.startsWith("file:"), prefix);
        IdxPair files = IdxFiles.locate(prefix, CONF);
        LabeledImages fashion = IdxReader.read(files, 0, CONF);

        assertEquals(10000, fashion.size());
        assertEquals(28, fashion.rows());
        assertEquals(28, fashion.cols());
        assertEquals(9, fashion.label(0), "the first Fashion-MNIST test item is an ankle boot");
        long[] balanced = new long[10];
        java.util.Arrays.fill(balanced, 1000);
        assertArrayEquals(balanced, fashion.classCounts(10));
    }

    @Test
    void fashionMnistTrainingSetWithALimit() {
        IdxPair files = IdxFiles.locate(DataOnDisk.fashionPrefixUri("train"), CONF);
        LabeledImages prefix = IdxReader.read(files, 10, CONF);

        assertEquals(10, prefix.size());
        assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, prefix.labels());
    }
}
