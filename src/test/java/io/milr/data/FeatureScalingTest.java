package io.milr.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Scaling fitted on a training set and applied to any set. */
class FeatureScalingTest {
    // Feature 0 spans 2..6 (mean 4, population standard deviation 2), feature 1 is constant.
    private static final LabeledVectors TRAIN = new LabeledVectors(2, new float[] {2, 5, 6, 5}, new int[] {0, 1});

    private static float[] scaled(FeatureScaling scaling, float... row) {
        float[] copy = row.clone();
        scaling.fit(TRAIN).scaleInPlace(copy, 0);
        return copy;
    }

    @Test
    void noneAndUnitDoWhatTheySay() {
        assertArrayEquals(new float[] {2, 5}, scaled(FeatureScaling.none(), 2, 5));
        assertArrayEquals(new float[] {128 / 255f, 1}, scaled(FeatureScaling.unit(255), 128, 255));
        assertEquals(128 / 255f, scaled(FeatureScaling.unit(255), 128, 0)[0], 0f, "exactly as IDX pixels were scaled");
    }

    @Test
    void minMaxAndStandardUseTheTrainingSetsStatisticsAndLeaveConstantFeaturesAtZero() {
        assertArrayEquals(new float[] {0, 0}, scaled(FeatureScaling.of(FeatureScaling.Method.MINMAX), 2, 5));
        assertArrayEquals(new float[] {1, 0}, scaled(FeatureScaling.of(FeatureScaling.Method.MINMAX), 6, 5));
        assertArrayEquals(new float[] {2, 1}, scaled(FeatureScaling.of(FeatureScaling.Method.MINMAX), 10, 6),
                "a test value beyond the training range goes beyond 1");
        assertArrayEquals(new float[] {-1, 0}, scaled(FeatureScaling.of(FeatureScaling.Method.STANDARD), 2, 5));
        assertArrayEquals(new float[] {1.5f, 0}, scaled(FeatureScaling.of(FeatureScaling.Method.STANDARD), 7, 5));
    }

    @Test
    void unitScalingNeedsAPositiveMaximum() {
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.unit(0));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.unit(Double.NaN));
    }
}
