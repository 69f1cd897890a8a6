package io.milr.report;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows that a long epoch is moving: once an epoch has run longer than {@code quiet}, a progress
 * line with the Spark jobs and tasks finished so far in this epoch. An epoch is one Spark job per
 * averaging round plus the MI and test passes, the same count every epoch, so from epoch 2 on the
 * previous epoch's job count gives a percentage. On a terminal the line is rewritten in place
 * ({@code \r}) every second; elsewhere (a log file) a line is printed at most every
 * {@code interval}. The per-epoch result lines are printed through {@link #epochEnded} so the two
 * never interleave.
 */
public final class EpochProgress extends SparkListener implements AutoCloseable {
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final SparkContext sc;
    private final PrintStream console;
    private final int epochs;
    private final boolean terminal;
    private final long quietNanos;
    private final long intervalNanos;
    private final ScheduledExecutorService ticker;
    private final AtomicInteger jobs = new AtomicInteger();
    private final AtomicInteger tasks = new AtomicInteger();

    private int epoch;
    private long epochStart = System.nanoTime();
    private long lastShown;
    private int previousEpochJobs = -1;
    private int shownWidth;

    EpochProgress(SparkContext sc, PrintStream console, int epochs, boolean terminal, Duration quiet, Duration interval) {
        this.sc = sc;
        this.console = console;
        this.epochs = epochs;
        this.terminal = terminal;
        this.quietNanos = quiet.toNanos();
        this.intervalNanos = interval.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "milr-epoch-progress");
            thread.setDaemon(true);
            return thread;
        });
        sc.addSparkListener(this);
        long tick = Math.min(interval.toMillis(), TERMINAL_INTERVAL.toMillis());
        ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts with the measurement before training (epoch 0). Rewrites in place only when the console
     * is this process's terminal.
     */
    public static EpochProgress start(SparkContext sc, PrintStream console, int epochs) {
        boolean terminal = console == System.out && System.console() != null;
        return new EpochProgress(sc, console, epochs, terminal, QUIET, terminal ? TERMINAL_INTERVAL : LOG_INTERVAL);
    }

    /** Progress of a run resumed from a checkpoint: no measurement before training, {@code first} is its first epoch. */
    public static EpochProgress resumed(SparkContext sc, PrintStream console, int epochs, int first) {
        EpochProgress progress = start(sc, console, epochs);
        synchronized (progress) {
            progress.epoch = first;
        }
        return progress;
    }

    /** Replaces the progress line with the epoch's result line and starts timing the next epoch. */
    public synchronized void epochEnded(String resultLine) {
        clear();
        console.println(resultLine);
        previousEpochJobs = epoch == 0 ? -1 : jobs.get();
        jobs.set(0);
        tasks.set(0);
        epoch++;
        epochStart = System.nanoTime();
        lastShown = 0;
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobs.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        tasks.incrementAndGet();
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        if (epoch > epochs || now - epochStart < quietNanos || (lastShown != 0 && now - lastShown < intervalNanos)) {
            return;
        }
        lastShown = now;
        String line = line((now - epochStart) / 1e9);
        if (terminal) {
            console.print("\r" + pad(line));
            shownWidth = line.length();
        } else {
            console.println(line);
        }
        console.flush();
    }

    private String line(double seconds) {
        String what = epoch == 0 ? "measuring before training" : String.format(Locale.ROOT, "epoch %2d/%d", epoch, epochs);
        int done = jobs.get();
        String count = previousEpochJobs > 0
                ? String.format(Locale.ROOT, "Spark jobs %d of ~%d (%d%%)", done, previousEpochJobs,
                Math.min(99, 100 * done / previousEpochJobs))
                : "Spark jobs " + done;
        return String.format(Locale.ROOT, "  ... %s running %.0fs: %s, tasks %d", what, seconds, count, tasks.get());
    }

    private String pad(String line) {
        return line.length() >= shownWidth ? line : line + " ".repeat(shownWidth - line.length());
    }

    private void clear() {
        if (terminal && shownWidth > 0) {
            console.print("\r" + " ".repeat(shownWidth) + "\r");
            shownWidth = 0;
        }
    }

    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        sc.removeSparkListener(this);
        clear();
        console.flush();
    }
}
