package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabeledImagesTest {

    @Test
    void rejectsPixelCountThatDoesNotMatchLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(2, 2, new byte[7], new byte[2]));
        assertTrue(e.getMessage().contains("expected 8 pixels"), e.getMessage());
    }

    @Test
    void rejectsEmptyImageSize() {
        assertThrows(IllegalArgumentException.class,
                () -> new LabeledImages(0, 2, new byte[0], new byte[0]));
    }

    @Test
    void firstTakesAPrefix() {
        LabeledImages data = IdxBytes.numbered(5, 3);

        LabeledImages two = data.first(2);

        assertEquals(2, two.size());
        assertEquals(6, two.numFeatures());
        assertArrayEquals(new byte[] {0, 1}, two.labels());
        assertEquals(1 + 5, two.pixels()[11], "last pixel of example 1");
        assertSame(data, data.first(5));
        assertSame(data, data.first(9));
    }

    @Test
    void labelsAreUnsigned() {
        LabeledImages data = new LabeledImages(1, 1, new byte[2], new byte[] {(byte) 200, 1});

        assertEquals(200, data.label(0));
        assertEquals(201, data.numClasses());
    }

    @Test
    void classCountsCountEachLabel() {
        LabeledImages data = IdxBytes.numbered(7, 3);

        assertEquals(3, data.numClasses());
        assertArrayEquals(new long[] {3, 2, 2, 0}, data.classCounts(4));
        DataFormatException e = assertThrows(DataFormatException.class, () -> data.classCounts(2));
        assertTrue(e.getMessage().contains("label 2"), e.getMessage());
    }

    @Test
    void equalityComparesContents() {
        LabeledImages a = IdxBytes.numbered(4, 2);
        LabeledImages b = IdxBytes.numbered(4, 2);

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, IdxBytes.numbered(4, 3));
        assertEquals("LabeledImages[4 images of 2x3]", a.toString());
    }
}
