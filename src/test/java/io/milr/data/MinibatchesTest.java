package io.milr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class MinibatchesTest {

    private static final int CLASSES = 4;
    // Pixels of example i start at value i, so the first feature identifies the example.
    private static final LabeledImages DATA = IdxBytes.numbered(23, CLASSES);
    private static final FeatureScaler PIXELS = FeatureScaling.unit(255).fit(DATA);

    private static int exampleOf(INDArray featureRow) {
        return Math.round(featureRow.getFloat(0) * 255f);
    }

    private static List<Integer> exampleOrder(List<DataSet> batches) {
        List<Integer> order = new ArrayList<>();
        for (DataSet batch : batches) {
            for (int row = 0; row < batch.numExamples(); row++) {
                order.add(exampleOf(batch.getFeatures().getRow(row)));
            }
        }
        return order;
    }

    @Test
    void cutsIntoFullBatchesAndASmallerLastOne() {
        List<DataSet> batches = Minibatches.of(DATA, PIXELS, 5, CLASSES, 7);

        assertEquals(5, batches.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new long[] {5, 6}, batches.get(i).getFeatures().shape());
            assertArrayEquals(new long[] {5, CLASSES}, batches.get(i).getLabels().shape());
        }
        assertArrayEquals(new long[] {3, 6}, batches.get(4).getFeatures().shape());
        assertArrayEquals(new long[] {3, CLASSES}, batches.get(4).getLabels().shape());
        assertEquals(DataType.FLOAT, batches.get(0).getFeatures().dataType());
        assertEquals(DataType.FLOAT, batches.get(0).getLabels().dataType());
    }

    @Test
    void unshuffledBatchesKeepOrderScalePixelsAndOneHotLabels() {
        LabeledImages bright = new LabeledImages(1, 3,
                new byte[] {0, (byte) 128, (byte) 255, 51, 102, (byte) 204}, new byte[] {2, 0});

        DataSet batch = Minibatches.of(bright, FeatureScaling.unit(255).fit(bright), 10, 3, -1).get(0);

        assertArrayEquals(new float[] {0f, 128 / 255f, 1f, 0.2f, 0.4f, 0.8f},
                batch.getFeatures().data().asFloat(), 1e-7f);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, batch.getLabels().data().asFloat());
    }

    @Test
    void labelsFollowTheirExamplesThroughTheShuffle() {
        for (DataSet batch : Minibatches.of(DATA, PIXELS, 4, CLASSES, 99)) {
            for (int row = 0; row < batch.numExamples(); row++) {
                int example = exampleOf(batch.getFeatures().getRow(row));
                INDArray oneHot = batch.getLabels().getRow(row);
                assertEquals(1f, oneHot.sumNumber().floatValue());
                assertEquals(1f, oneHot.getFloat(DATA.label(example)));
                for (int p = 0; p < 6; p++) {
                    assertEquals((example + p) / 255f, batch.getFeatures().getFloat(row, p), 1e-7f);
                }
            }
        }
    }

    @Test
    void everyExampleAppearsExactlyOnce() {
        List<Integer> order = exampleOrder(Minibatches.of(DATA, PIXELS, 4, CLASSES, 3));

        assertEquals(DATA.size(), order.size());
        assertEquals(DATA.size(), order.stream().distinct().count());
        assertTrue(order.stream().allMatch(i -> i >= 0 && i < DATA.size()));
    }

    @Test
    void shuffleIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        List<Integer> first = exampleOrder(Minibatches.of(DATA, PIXELS, 4, CLASSES, 42));
        List<Integer> again = exampleOrder(Minibatches.of(DATA, PIXELS, 4, CLASSES, 42));
        List<Integer> other = exampleOrder(Minibatches.of(DATA, PIXELS, 4, CLASSES, 43));
        List<Integer> stored = exampleOrder(Minibatches.of(DATA, PIXELS, 4, CLASSES, -1));

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertNotEquals(first, stored);
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(i, stored.get(i));
        }
    }

    @Test
    void labelNotBelowNumClassesIsReported() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Minibatches.of(DATA, PIXELS, 4, 3, 1));

        assertEquals("example 3", e.location());
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        assertTrue(e.getMessage().contains("numClasses 3"), e.getMessage());
    }

    @Test
    void emptyDataGivesNoBatches() {
        assertEquals(0, Minibatches.of(DATA.first(0), PIXELS, 4, CLASSES, 1).size());
    }

    @Test
    void rejectsNonPositiveBatchSize() {
        assertThrows(IllegalArgumentException.class, () -> Minibatches.of(DATA, PIXELS, 0, CLASSES, 1));
    }
}
