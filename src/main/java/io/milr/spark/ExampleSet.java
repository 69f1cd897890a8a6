package io.milr.spark;

import io.milr.data.ExampleSlice;
import io.milr.data.InMemorySlice;
import io.milr.data.LabeledData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A data set known good: its source, how many examples of each partition it uses (a limit cuts the
 * last ones), its number of features and its examples per class. The driver holds these figures,
 * never the examples (unless a test put them into its slices).
 *
 * @param used        examples used of each partition of {@code source}
 * @param numFeatures features per example; a partition read narrower (LibSVM) is widened with zeros
 */
public record ExampleSet(ExampleSource source, long[] used, int numFeatures, long[] classCounts) {

    public ExampleSet {
        used = used.clone();
        classCounts = classCounts.clone();
        if (numFeatures < 1) {
            throw new IllegalArgumentException("examples have at least one feature, found " + numFeatures);
        }
    }

    /** Examples held on the driver, cut into slices of at most {@code sliceSize} (for small sets and tests). */
    public static ExampleSet inMemory(LabeledData data, int sliceSize) {
        List<ExampleSlice> slices = new ArrayList<>();
        long[] used = new long[(data.size() + sliceSize - 1) / sliceSize];
        for (int s = 0; s < used.length; s++) {
            int first = s * sliceSize;
            used[s] = Math.min(sliceSize, data.size() - first);
            slices.add(InMemorySlice.of(data, first, (int) used[s]));
        }
        return new ExampleSet(new SliceSource("the examples given", slices), used, data.numFeatures(),
                data.classCounts(Math.max(1, data.numClasses())));
    }

    public long size() {
        return Arrays.stream(used).sum();
    }

    /** The same examples, {@code n >= numFeatures} wide (LibSVM sets widened to the largest index of training and test). */
    public ExampleSet widened(int n) {
        if (n < numFeatures) {
            throw new IllegalArgumentException("cannot narrow " + numFeatures + " features to " + n);
        }
        return new ExampleSet(source, used, n, classCounts);
    }

    @Override
    public long[] used() {
        return used.clone();
    }

    @Override
    public long[] classCounts() {
        return classCounts.clone();
    }

    /** The position in the data set of each partition's first example. */
    long[] firsts() {
        long[] firsts = new long[used.length];
        for (int p = 1; p < used.length; p++) {
            firsts[p] = firsts[p - 1] + used[p - 1];
        }
        return firsts;
    }

    /**
     * Runs on the executors: every used example, in chunks paired with the position of their first
     * example in the data set, all {@link #numFeatures} wide.
     */
    public JavaRDD<Tuple2<Long, LabeledData>> positioned(JavaSparkContext sc) {
        long[] firsts = firsts();
        long[] limits = used;
        int width = numFeatures;
        return source.read(sc).mapPartitionsWithIndex((p, chunks) -> within(chunks, firsts[p], limits[p], width), true);
    }

    /** Runs on the executors: the used examples of every partition, in order, unpositioned. */
    public JavaRDD<LabeledData> chunks(JavaSparkContext sc) {
        return positioned(sc).map(Tuple2::_2);
    }

    /** Lazily, so that a partition's chunks are not all held at once. */
    private static Iterator<Tuple2<Long, LabeledData>> within(Iterator<LabeledData> chunks, long first, long limit,
                                                              int width) {
        return new Iterator<>() {
            private long at;
            private Tuple2<Long, LabeledData> next = advance();

            private Tuple2<Long, LabeledData> advance() {
                while (at < limit && chunks.hasNext()) {
                    LabeledData chunk = chunks.next();
                    if (chunk.size() > 0) {
                        LabeledData kept = chunk.first((int) Math.min(chunk.size(), limit - at)).widened(width);
                        Tuple2<Long, LabeledData> positioned = new Tuple2<>(first + at, kept);
                        at += kept.size();
                        return positioned;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Tuple2<Long, LabeledData> next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                Tuple2<Long, LabeledData> current = next;
                next = advance();
                return current;
            }
        };
    }
}
