package io.milr.report;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows that a long one-pass job (predict) is moving: once it has run longer than 5 s, every 10 s a
 * line with the tasks finished of those submitted so far. Quiet for short jobs, as EpochProgress is.
 */
public final class JobProgress extends SparkListener implements AutoCloseable {
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final SparkContext sc;
    private final PrintStream console;
    private final String what;
    private final long start = System.nanoTime();
    private final AtomicInteger submitted = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "milr-job-progress");
        thread.setDaemon(true);
        return thread;
    });

    private JobProgress(SparkContext sc, PrintStream console, String what) {
        this.sc = sc;
        this.console = console;
        this.what = what;
    }

    public static JobProgress start(SparkContext sc, PrintStream console, String what) {
        JobProgress progress = new JobProgress(sc, console, what);
        sc.addSparkListener(progress);
        progress.ticker.scheduleAtFixedRate(progress::show, QUIET.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted stage) {
        submitted.addAndGet(stage.stageInfo().numTasks());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (task.taskInfo().successful()) {
            finished.incrementAndGet();
        }
    }

    private void show() {
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        if (submitted.get() == 0) {
            console.printf("  ... %s running %ds: planning the Spark job%n", what, seconds);
        } else {
            console.printf("  ... %s running %ds: %d of %d tasks done%n", what, seconds, finished.get(), submitted.get());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sc.removeSparkListener(this);
    }
}
