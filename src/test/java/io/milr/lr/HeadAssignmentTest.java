package io.milr.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadAssignmentTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void networkModeSendsEveryTrainableLayerToTheOutputHead() {
        int[] followed = HeadAssignment.followedHead(
                new boolean[] {T, F, T, T, T},
                new boolean[] {T, F, F, T, F},
                LrMode.NETWORK);
        assertArrayEquals(new int[] {4, -1, 4, 4, 4}, followed);
    }

    @Test
    void layerModeUsesOwnHeadsAndFallsBackToTheNextHeadAbove() {
        // layer 0 has a head; 2 has none and follows 3; 3 has a head; 5 follows the output layer 6
        int[] followed = HeadAssignment.followedHead(
                new boolean[] {T, F, T, T, F, T, T},
                new boolean[] {T, F, F, T, F, F, F},
                LrMode.LAYER);
        assertArrayEquals(new int[] {0, -1, 3, 3, -1, 6, 6}, followed);
    }

    @Test
    void aHeadOnALayerWithoutParametersServesTheLayersBelowIt() {
        // e.g. a pooling layer carrying a head above a convolution
        int[] followed = HeadAssignment.followedHead(
                new boolean[] {T, F, T},
                new boolean[] {F, T, F},
                LrMode.LAYER);
        assertArrayEquals(new int[] {1, -1, 2}, followed);
    }

    @Test
    void layerModeWithoutHiddenHeadsEqualsNetworkMode() {
        boolean[] trainable = {T, T, F, T};
        boolean[] noHeads = {F, F, F, F};
        assertArrayEquals(HeadAssignment.followedHead(trainable, noHeads, LrMode.NETWORK),
                HeadAssignment.followedHead(trainable, noHeads, LrMode.LAYER));
        assertArrayEquals(new int[] {3, 3, -1, 3}, HeadAssignment.followedHead(trainable, noHeads, LrMode.LAYER));
    }

    @Test
    void anOutputLayerWithoutParametersStillCarriesTheOutputHead() {
        for (LrMode mode : LrMode.values()) {
            assertArrayEquals(new int[] {2, 2, -1},
                    HeadAssignment.followedHead(new boolean[] {T, T, F}, new boolean[] {F, F, F}, mode));
        }
        assertArrayEquals(new int[] {0}, HeadAssignment.followedHead(new boolean[] {T}, new boolean[] {F}, LrMode.LAYER));
    }

    @Test
    void inconsistentLayoutsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> HeadAssignment.followedHead(new boolean[] {T, T}, new boolean[] {F}, LrMode.LAYER));
        assertThrows(IllegalArgumentException.class,
                () -> HeadAssignment.followedHead(new boolean[0], new boolean[0], LrMode.LAYER));
        assertThrows(IllegalArgumentException.class,
                () -> HeadAssignment.followedHead(null, new boolean[] {F}, LrMode.LAYER));
        assertThrows(IllegalArgumentException.class,
                () -> HeadAssignment.followedHead(new boolean[] {T}, new boolean[] {F}, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeadAssignment.followedHead(new boolean[] {T, T}, new boolean[] {F, T}, LrMode.LAYER));
        assertTrue(e.getMessage().contains("output layer"), e.getMessage());
    }
}
