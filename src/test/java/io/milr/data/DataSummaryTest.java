package io.milr.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Summaries of partitions, merged in order, are the summary of the whole data set. */
class DataSummaryTest {
    private static final LabeledVectors FIRST = new LabeledVectors(3, new float[] {1, 2, 3, -1, 0, 9}, new int[] {0, 2});
    private static final LabeledVectors SECOND = new LabeledVectors(3, new float[] {5, -2, 3, 0, 0, 0, 7, 7, 7},
            new int[] {2, 1, 2});
    private static final LabeledVectors BOTH = new LabeledVectors(3, new float[] {1, 2, 3, -1, 0, 9, 5, -2, 3, 0, 0, 0,
        7, 7, 7}, new int[] {0, 2, 2, 1, 2});

    @Test
    void mergedPartitionsGiveTheWholeSetsCountsAndStatistics() {
        DataSummary merged = new DataSummary(true).add(FIRST, 0).merge(new DataSummary(true).add(SECOND, 1));
        DataSummary whole = DataSummary.of(BOTH, true);

        assertEquals(5, merged.examples());
        assertArrayEquals(new long[] {1, 1, 3}, merged.classCounts());
        assertArrayEquals(whole.classCounts(), merged.classCounts());
        assertArrayEquals(new float[] {-1, -2, 0}, merged.min(3));
        assertArrayEquals(new float[] {7, 7, 9}, merged.max(3));
        assertArrayEquals(whole.sum(3), merged.sum(3));
        assertArrayEquals(whole.sumOfSquares(3), merged.sumOfSquares(3));
        assertEquals(3, merged.firstWidth());
        assertEquals(-1, merged.otherWidth(), "all partitions as wide");
        FeatureScaler scaler = FeatureScaling.of(FeatureScaling.Method.STANDARD).fit(merged, 3);
        FeatureScaler onTheWhole = FeatureScaling.of(FeatureScaling.Method.STANDARD).fit(BOTH);
        assertArrayEquals(onTheWhole.offsets(), scaler.offsets());
        assertArrayEquals(onTheWhole.divisors(), scaler.divisors());
    }

    @Test
    void narrowerPartitionsCountTheirMissingFeaturesAsZeroAndTheFirstOtherWidthIsKept() {
        LabeledVectors narrow = new LabeledVectors(2, new float[] {4, 4}, new int[] {1});
        DataSummary merged = new DataSummary(true).add(FIRST, 0).merge(new DataSummary(true).add(narrow, 1))
                .merge(new DataSummary(true).add(new LabeledVectors(5, new float[] {1, 1, 1, 1, -3}, new int[] {0}), 2));

        assertEquals(5, merged.maxWidth());
        assertEquals(3, merged.firstWidth());
        assertEquals(2, merged.otherWidth());
        assertEquals(1, merged.otherWidthPartition());
        assertArrayEquals(new float[] {-1, 0, 0, 0, -3}, merged.min(5), "a feature a partition lacks is 0 there");
        assertArrayEquals(new float[] {4, 4, 9, 1, 0}, merged.max(5));
    }

    @Test
    void theFirstProblemInPartitionOrderIsKeptAndNumberedAcrossPartitions() {
        DataSummary first = new DataSummary(false).add(FIRST, 0);
        DataSummary second = new DataSummary(false).add(SECOND, 1);
        second.problem(DataFormatException.inRow("data.train = t", 1, 4, "column 'x' is null").toProblem(1));
        DataSummary third = new DataSummary(false);
        third.problem(new DataProblem(2, 0, "data.train = t", "later"));
        assertNull(first.problem());

        DataSummary merged = first.merge(second).merge(third);

        assertEquals("column 'x' is null", merged.problem().what());
        assertEquals("data.train = t row 6: column 'x' is null",
                merged.problem().toException(FIRST.size()).getMessage(), "row 4 of partition 1, after partition 0's 2");
    }
}
