package io.milr.bench;

/**
 * The Spark jobs of one kind in a milr run (a kind is a call site, e.g. {@code treeAggregate at
 * ParameterAveragingTrainingMaster.java}, with histogram passes told apart by what they count):
 * how many, their wall time, where their tasks spent it, the bytes their results carried to the
 * driver, and the time the driver spent before each (since the previous job of any kind ended).
 *
 * @param outsideTasksSeconds summed over jobs: the job's wall time minus its longest task, i.e.
 *                            scheduling, task launch and result handling on the driver
 */
public record JobKind(String kind, int jobs, int tasks, double wallSeconds, double medianJobMillis,
                      double medianGapBeforeMillis, double taskRunSeconds, double taskDeserializeSeconds,
                      double resultSerializeSeconds, double gcSeconds, double outsideTasksSeconds,
                      long resultBytes, double medianJobResultBytes) {

    /** A histogram pass that feeds the MI (not the test-set evaluation, which counts the same way). */
    public boolean miPass() {
        return kind.startsWith(SparkJobLedger.HISTOGRAM_PASS) && !kind.equals(SparkJobLedger.TEST_EVALUATION);
    }
}
