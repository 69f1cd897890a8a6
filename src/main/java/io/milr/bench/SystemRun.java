package io.milr.bench;

import java.util.List;

/**
 * What one run of one system measured, as its child process writes it ({@code result.json}) and the
 * bench reads it back. Spark fields are null or empty for the systems that do not use Spark.
 *
 * @param system          a {@link BenchSystem} name
 * @param label           the table row, e.g. {@code pytorch 1 thread}
 * @param threads         compute threads (milr: Spark task slots, each with one BLAS thread)
 * @param epochs          the trained epochs, 1..n
 * @param jobs            the Spark jobs of the run by kind
 * @param miMeasurements  how many MI measurements the run made (the one before training included)
 * @param miPartialBytesPerMeasurement the partial tables alone that one measurement reduces (serialized,
 *                        all partitions), without Spark's envelope
 * @param driverGapSeconds time between the first and the last Spark job in which no job ran
 */
public record SystemRun(String system, String label, int threads, int run, List<EpochTiming> epochs, String notes,
                        List<JobKind> jobs, Integer miMeasurements, Double miPartialBytesPerMeasurement,
                        Double driverGapSeconds) {
    public SystemRun {
        epochs = List.copyOf(epochs);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }

    /** The histogram passes that fed the MI, all kinds together. */
    public int miPassJobs() {
        return jobs.stream().filter(JobKind::miPass).mapToInt(JobKind::jobs).sum();
    }

    /** Bytes the MI passes' task results carried to the driver, per measurement; null without Spark. */
    public Double miBytesPerMeasurement() {
        if (miMeasurements == null || miMeasurements == 0 || miPassJobs() == 0) {
            return null;
        }
        return (double) jobs.stream().filter(JobKind::miPass).mapToLong(JobKind::resultBytes).sum() / miMeasurements;
    }

    /** Bytes per MI pass (one Spark job), averaged over the MI passes; null without Spark. */
    public Double miBytesPerPass() {
        int passes = miPassJobs();
        return passes == 0 ? null
                : (double) jobs.stream().filter(JobKind::miPass).mapToLong(JobKind::resultBytes).sum() / passes;
    }
}
