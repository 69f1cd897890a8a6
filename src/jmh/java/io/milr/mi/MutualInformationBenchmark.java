package io.milr.mi;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The driver's MI work per head and epoch: {@link MutualInformation#of} on a merged K x K table of
 * 60,000 examples (MNIST's training set), with K = 10 and 100. Run with scripts/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MutualInformationBenchmark {
    @Param({"10", "100"})
    int classes;

    @Param({"PLUGIN", "MILLER_MADOW"})
    MiEstimator estimator;

    private JointHistogram table;

    @Setup
    public void table() {
        Random random = new Random(42);
        table = new JointHistogram(classes);
        for (int i = 0; i < 60_000; i++) {
            int y = random.nextInt(classes);
            table.add(random.nextDouble() < 0.95 ? y : random.nextInt(classes), y);
        }
    }

    @Benchmark
    public MiResult mutualInformation() {
        return MutualInformation.of(table, estimator);
    }
}
