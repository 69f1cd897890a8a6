package io.milr.mi;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The executor side of a histogram pass: counting one example, counting a chunk of 1,024 (the
 * chunk size HistogramPass forwards at once), and the driver side: merging two partial tables.
 * Run with scripts/jmh.sh (README, Performance).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JointHistogramBenchmark {
    static final int CHUNK = 1024;

    @Param({"10", "100"})
    int classes;

    private int[] predicted;
    private int[] labels;
    private int next;
    private JointHistogram table;
    private JointHistogram partialA;
    private JointHistogram partialB;

    @Setup(Level.Trial)
    public void examples() {
        Random random = new Random(42);
        predicted = new int[CHUNK];
        labels = new int[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
            labels[i] = random.nextInt(classes);
            // About 95% right, as a trained network's output head.
            predicted[i] = random.nextDouble() < 0.95 ? labels[i] : random.nextInt(classes);
        }
        table = new JointHistogram(classes);
    }

    /** Fresh partials every iteration, so that merged counts stay those of two real partitions. */
    @Setup(Level.Iteration)
    public void partials() {
        partialA = filled(30_000, 1);
        partialB = filled(30_000, 2);
    }

    private JointHistogram filled(int examples, long seed) {
        Random random = new Random(seed);
        JointHistogram h = new JointHistogram(classes);
        for (int i = 0; i < examples; i++) {
            int y = random.nextInt(classes);
            h.add(random.nextDouble() < 0.95 ? y : random.nextInt(classes), y);
        }
        return h;
    }

    @Benchmark
    public JointHistogram addOneExample() {
        int i = next++ & (CHUNK - 1);
        return table.add(predicted[i], labels[i]);
    }

    @Benchmark
    public JointHistogram addChunkOf1024() {
        for (int i = 0; i < CHUNK; i++) {
            table.add(predicted[i], labels[i]);
        }
        return table;
    }

    @Benchmark
    public JointHistogram mergeTwoPartials() {
        return partialA.merge(partialB);
    }
}
