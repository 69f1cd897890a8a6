package io.milr.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MiLrSettingsTest {

    private static void assertRejected(Executable construction, String key, String found) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(key + " "), "message should name " + key + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("found " + found), "message should say what was found: " + e.getMessage());
    }

    @Test
    void validSettingsAreKept() {
        MiLrSettings settings = new MiLrSettings(0.002, 0.2, 0.1, 0.005, LrMode.LAYER);
        assertEquals(0.002, settings.lrMin());
        assertEquals(0.2, settings.lrMax());
        assertEquals(0.1, settings.lrStart());
        assertEquals(0.005, settings.threshold());
        assertEquals(LrMode.LAYER, settings.mode());
        // both bounds are allowed as a start, and a zero threshold
        new MiLrSettings(0.002, 0.2, 0.002, 0.0, LrMode.NETWORK);
        new MiLrSettings(0.002, 0.2, 0.2, 0.0, LrMode.NETWORK);
    }

    @Test
    void theDefaultStartIsLrMax() {
        MiLrSettings settings = MiLrSettings.withDefaultStart(0.002, 0.2, 0.005, LrMode.NETWORK);
        assertEquals(0.2, settings.lrStart());
        assertEquals(new MiLrSettings(0.002, 0.2, 0.2, 0.005, LrMode.NETWORK), settings);
    }

    @Test
    void lrMinMustBePositiveAndFinite() {
        assertRejected(() -> new MiLrSettings(0, 0.2, 0.1, 0.005, LrMode.NETWORK), "lr.min", "0.0");
        assertRejected(() -> new MiLrSettings(-0.1, 0.2, 0.1, 0.005, LrMode.NETWORK), "lr.min", "-0.1");
        assertRejected(() -> new MiLrSettings(Double.NaN, 0.2, 0.1, 0.005, LrMode.NETWORK), "lr.min", "NaN");
    }

    @Test
    void lrMaxMustExceedLrMinAndBeFinite() {
        assertRejected(() -> new MiLrSettings(0.2, 0.2, 0.2, 0.005, LrMode.NETWORK), "lr.max", "0.2");
        assertRejected(() -> new MiLrSettings(0.2, 0.1, 0.1, 0.005, LrMode.NETWORK), "lr.max", "0.1");
        assertRejected(() -> new MiLrSettings(0.2, Double.POSITIVE_INFINITY, 0.3, 0.005, LrMode.NETWORK),
                "lr.max", "Infinity");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MiLrSettings(0.2, 0.1, 0.1, 0.005, LrMode.NETWORK));
        assertTrue(e.getMessage().contains("lr.min (0.2)"), "message should say what was expected: " + e.getMessage());
    }

    @Test
    void lrStartMustLieWithinTheBounds() {
        assertRejected(() -> new MiLrSettings(0.002, 0.2, 0.3, 0.005, LrMode.NETWORK), "lr.start", "0.3");
        assertRejected(() -> new MiLrSettings(0.002, 0.2, 0.001, 0.005, LrMode.NETWORK), "lr.start", "0.001");
        assertRejected(() -> new MiLrSettings(0.002, 0.2, Double.NaN, 0.005, LrMode.NETWORK), "lr.start", "NaN");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MiLrSettings(0.002, 0.2, 0.3, 0.005, LrMode.NETWORK));
        assertTrue(e.getMessage().contains("[0.002, 0.2]"), e.getMessage());
    }

    @Test
    void thresholdMustBeNonNegativeAndFinite() {
        assertRejected(() -> new MiLrSettings(0.002, 0.2, 0.2, -0.001, LrMode.NETWORK), "mi.threshold", "-0.001");
        assertRejected(() -> new MiLrSettings(0.002, 0.2, 0.2, Double.NaN, LrMode.NETWORK), "mi.threshold", "NaN");
        assertRejected(() -> MiLrSettings.withDefaultStart(0.002, 0.2, Double.POSITIVE_INFINITY, LrMode.NETWORK),
                "mi.threshold", "Infinity");
    }

    @Test
    void modeIsRequired() {
        assertRejected(() -> new MiLrSettings(0.002, 0.2, 0.2, 0.005, null), "lr.mode", "null");
    }

    @Test
    void modeConfigNames() {
        assertEquals("network", LrMode.NETWORK.configName());
        assertEquals("layer", LrMode.LAYER.configName());
        for (LrMode mode : LrMode.values()) {
            assertEquals(mode, LrMode.fromConfigName(mode.configName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LrMode.fromConfigName("global"));
        assertTrue(e.getMessage().contains("lr.mode") && e.getMessage().contains("network, layer")
                && e.getMessage().contains("'global'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LrMode.fromConfigName(null));
    }
}
