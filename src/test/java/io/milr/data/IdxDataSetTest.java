package io.milr.data;

import io.milr.testing.ExamplesOnDriver;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data set in several IDX parts, known by headers and label counts, read slice by slice. */
class IdxDataSetTest {
    private static final Configuration CONF = new Configuration();
    private static final LabelRange TEN = new LabelRange(10, "test");

    /** Parts of 7, 5 (gzipped) and 9 numbered examples: 21 in all, example i labelled i % 4. */
    private static LabeledImages writeParts(Path dir) throws IOException {
        LabeledImages all = IdxBytes.numbered(21, 4);
        int[][] ranges = {{0, 7}, {7, 12}, {12, 21}};
        for (int p = 0; p < ranges.length; p++) {
            LabeledImages part = slice(all, ranges[p][0], ranges[p][1]);
            byte[] images = IdxBytes.imageFile(part);
            byte[] labels = IdxBytes.labelFile(part);
            if (p == 1) {
                images = IdxBytes.gzip(images);
                labels = IdxBytes.gzip(labels);
            }
            IdxBytes.writePair(dir, "train-part-" + p, images, labels);
        }
        return all;
    }

    private static LabeledImages slice(LabeledImages all, int from, int to) {
        return new LabeledImages(2, 3, Arrays.copyOfRange(all.pixels(), from * 6, to * 6),
                Arrays.copyOfRange(all.labels(), from, to));
    }

    @Test
    void aGlobFindsThePartsInNameOrderAndSlicesReadEveryExampleOnce(@TempDir Path dir) throws IOException {
        LabeledImages all = writeParts(dir);
        IdxDataSet data = IdxDataSet.open(dir.resolve("train-part-*").toString(), 0, TEN, CONF);

        assertEquals(3, data.parts().size());
        assertEquals(21, data.size());
        assertArrayEquals(new long[]{6, 5, 5, 5, 0, 0, 0, 0, 0, 0}, data.classCounts());

        List<IdxSlice> slices = data.slices(4, TEN);
        assertEquals(2 + 2 + 3, slices.size(), "slices never span two parts");
        LabeledData read = ExamplesOnDriver.ofSlices(slices, CONF, 6);
        float[] expected = new float[6];
        float[] actual = new float[6];
        for (int i = 0; i < 21; i++) {
            all.copyFeatures(i, expected, 0);
            read.copyFeatures(i, actual, 0);
            assertArrayEquals(expected, actual, "example " + i);
            assertEquals(all.label(i), read.label(i));
        }
        long first = 0;
        for (IdxSlice slice : slices) {
            assertEquals(first, slice.first());
            first += slice.size();
        }
    }

    @Test
    void aLimitCutsThePartsInOrder(@TempDir Path dir) throws IOException {
        writeParts(dir);
        IdxDataSet data = IdxDataSet.open(dir.resolve("train-part-*").toString(), 10, TEN, CONF);
        assertArrayEquals(new int[]{7, 3, 0}, data.used());
        assertEquals(10, ExamplesOnDriver.ofSlices(data.slices(100, TEN), CONF, 6).size());
    }

    @Test
    void aLabelOutsideTheRangeNamesItsFileAndExample(@TempDir Path dir) throws IOException {
        writeParts(dir);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataSet.open(dir.resolve("train-part-*").toString(), 0, new LabelRange(3, "model.outputs=3"), CONF));
        assertTrue(e.getMessage().contains("train-part-0-labels-idx1-ubyte example 3"), e.getMessage());
        assertTrue(e.getMessage().contains("label 3 is not a class index 0..2 (model.outputs=3)"), e.getMessage());
    }

    @Test
    void partsOfDifferentImageSizesAreRefused(@TempDir Path dir) throws IOException {
        writeParts(dir);
        LabeledImages wide = new LabeledImages(3, 3, new byte[9], new byte[]{1});
        IdxBytes.writePair(dir, "train-part-3", IdxBytes.imageFile(wide), IdxBytes.labelFile(wide));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataSet.open(dir.resolve("train-part-*").toString(), 0, TEN, CONF));
        assertTrue(e.getMessage().contains("train-part-3-images-idx3-ubyte") && e.getMessage().contains("images are 3x3, expected 2x3"),
                e.getMessage());
    }

    @Test
    void aGlobMatchingNothingSaysWhatItLookedFor(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxDataSet.open(dir.resolve("nothing-*").toString(), 0, TEN, CONF));
        assertTrue(e.getMessage().contains("matches no IDX image file"), e.getMessage());
    }
}
