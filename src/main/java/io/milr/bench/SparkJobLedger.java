package io.milr.bench;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every Spark job of a run from Spark's listener bus: when it ran, what its tasks did, and
 * the serialized size of its task results (what travels to the driver). Jobs are grouped by call
 * site; histogram passes, which all share one call site in {@code HistogramPass}, are told apart by
 * the stack that called it. Read it after the context has stopped (the bus is drained then).
 */
public final class SparkJobLedger extends SparkListener {
    static final String HISTOGRAM_PASS = "histogram pass";
    static final String TEST_EVALUATION = HISTOGRAM_PASS + ": test evaluation";

    private final Map<Integer, Job> jobs = new LinkedHashMap<>();
    private final Map<Integer, Job> jobOfStage = new HashMap<>();

    /** One job as seen so far. */
    private static final class Job {
        final String kind;
        final long start;
        long end = -1;
        int tasks;
        double runSeconds;
        double deserializeSeconds;
        double resultSerializeSeconds;
        double gcSeconds;
        long resultBytes;
        long longestTaskMillis;

        Job(String kind, long start) {
            this.kind = kind;
            this.start = start;
        }
    }

    public static SparkJobLedger register(JavaSparkContext sc) {
        SparkJobLedger ledger = new SparkJobLedger();
        sc.sc().addSparkListener(ledger);
        return ledger;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart event) {
        StageInfo resultStage = null;
        scala.collection.Iterator<StageInfo> stages = event.stageInfos().iterator();
        while (stages.hasNext()) {
            StageInfo stage = stages.next();
            if (resultStage == null || stage.stageId() > resultStage.stageId()) {
                resultStage = stage;
            }
        }
        String kind = resultStage == null ? "(no stage)" : kindOf(resultStage.name(), resultStage.details());
        Job job = new Job(kind, event.time());
        jobs.put(event.jobId(), job);
        scala.collection.Iterator<Object> ids = event.stageIds().iterator();
        while (ids.hasNext()) {
            jobOfStage.put((Integer) ids.next(), job);
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd event) {
        Job job = jobs.get(event.jobId());
        if (job != null) {
            job.end = event.time();
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        Job job = jobOfStage.get(event.stageId());
        TaskMetrics metrics = event.taskMetrics();
        if (job == null || metrics == null) {
            return;
        }
        job.tasks++;
        job.runSeconds += metrics.executorRunTime() / 1e3;
        job.deserializeSeconds += metrics.executorDeserializeTime() / 1e3;
        job.resultSerializeSeconds += metrics.resultSerializationTime() / 1e3;
        job.gcSeconds += metrics.jvmGCTime() / 1e3;
        job.resultBytes += metrics.resultSize();
        job.longestTaskMillis = Math.max(job.longestTaskMillis, event.taskInfo().duration());
    }

    /**
     * A job's kind: its call site without line numbers, e.g. {@code count at
     * ParameterAveragingTrainingMaster.java}; histogram passes by what they count.
     */
    static String kindOf(String callSite, String stack) {
        String site = callSite.replaceAll(":\\d+", "");
        if (!site.contains("HistogramPass")) {
            return site;
        }
        if (stack.contains("testAccuracy")) {
            return TEST_EVALUATION;
        }
        return stack.contains("HistogramPass.classSums") ? HISTOGRAM_PASS + ": class sums (MI)"
                : HISTOGRAM_PASS + ": tables (MI)";
    }

    /** The finished jobs by kind, in the order each kind first ran. */
    public synchronized List<JobKind> kinds() {
        List<Job> finished = finished();
        Map<String, List<Job>> byKind = new LinkedHashMap<>();
        Map<Job, Long> gapBefore = new HashMap<>();
        long previousEnd = -1;
        for (Job job : finished) {
            byKind.computeIfAbsent(job.kind, k -> new ArrayList<>()).add(job);
            if (previousEnd >= 0) {
                gapBefore.put(job, Math.max(0, job.start - previousEnd));
            }
            previousEnd = Math.max(previousEnd, job.end);
        }
        List<JobKind> kinds = new ArrayList<>();
        byKind.forEach((kind, list) -> kinds.add(new JobKind(kind, list.size(),
                list.stream().mapToInt(j -> j.tasks).sum(),
                list.stream().mapToDouble(j -> (j.end - j.start) / 1e3).sum(),
                Stats.median(list.stream().mapToDouble(j -> j.end - j.start).toArray()),
                Stats.median(list.stream().filter(gapBefore::containsKey).mapToDouble(gapBefore::get).toArray()),
                list.stream().mapToDouble(j -> j.runSeconds).sum(),
                list.stream().mapToDouble(j -> j.deserializeSeconds).sum(),
                list.stream().mapToDouble(j -> j.resultSerializeSeconds).sum(),
                list.stream().mapToDouble(j -> j.gcSeconds).sum(),
                list.stream().mapToDouble(j -> Math.max(0, j.end - j.start - j.longestTaskMillis) / 1e3).sum(),
                list.stream().mapToLong(j -> j.resultBytes).sum(),
                Stats.median(list.stream().mapToDouble(j -> j.resultBytes).toArray()))));
        return kinds;
    }

    /** Between the first job's start and the last job's end: the seconds in which no job ran. */
    public synchronized double driverGapSeconds() {
        long idle = 0;
        long covered = -1;
        for (Job job : finished()) {
            if (covered >= 0 && job.start > covered) {
                idle += job.start - covered;
            }
            covered = Math.max(covered, job.end);
        }
        return idle / 1e3;
    }

    private List<Job> finished() {
        return jobs.values().stream().filter(j -> j.end >= 0).sorted(Comparator.comparingLong(j -> j.start)).toList();
    }
}
