package io.milr.heads;

import io.milr.mi.JointHistogram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

import java.util.concurrent.TimeUnit;

/**
 * Counting one chunk of the output head as {@link BatchReadout#count} does after the forward pass:
 * arg-max of the network's 1,024 x K output and of the one-hot labels (ND4J to Java), then 1,024 adds.
 * Run with scripts/jmh.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchCountBenchmark {
    @Param({"10", "100"})
    int classes;

    private INDArray output;
    private INDArray oneHot;
    private JointHistogram table;

    @Setup
    public void batch() {
        Nd4j.getRandom().setSeed(42);
        output = Nd4j.rand(DataType.FLOAT, 1024, classes);
        oneHot = Nd4j.zeros(DataType.FLOAT, 1024, classes);
        for (int i = 0; i < 1024; i++) {
            oneHot.putScalar(i, (i * 7) % classes, 1f);
        }
        table = new JointHistogram(classes);
    }

    @Benchmark
    public JointHistogram countChunkOf1024() {
        int[] predicted = BatchReadout.argmax(output);
        int[] labels = BatchReadout.argmax(oneHot);
        for (int i = 0; i < labels.length; i++) {
            table.add(predicted[i], labels[i]);
        }
        return table;
    }
}
