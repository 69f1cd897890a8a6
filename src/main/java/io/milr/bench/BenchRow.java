package io.milr.bench;

/**
 * One row of the bench table: a system's medians (per run over its measured epochs, then over the
 * runs). NaN where a figure does not apply (MI for systems without it) or the system was skipped.
 *
 * @param ratioToDl4j      seconds per epoch divided by the single-JVM DL4J row's
 * @param miShare          the MI work's share of the epoch time (milr only)
 * @param driverMiMillis   the driver's own MI + policy time per epoch, ms (milr only)
 * @param miBytesPerPass   bytes of task results per MI histogram pass (milr only)
 * @param miBytesPerEpoch  bytes of task results of all MI passes of one measurement (milr only)
 * @param miPartialBytesPerEpoch the partial tables alone in those results, without Spark's envelope
 * @param skipped          why the system did not run, or null
 */
public record BenchRow(String label, String system, int threads, int runs, double secondsPerEpoch, double ratioToDl4j,
                       double testAccuracy, double miSecondsPerEpoch, double miShare, double driverMiMillis,
                       double miBytesPerPass, double miBytesPerEpoch, double miPartialBytesPerEpoch,
                       String skipped) {

    static BenchRow skipped(BenchSystem system, String label, int threads, String why) {
        return new BenchRow(label, system.configName(), threads, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }
}
