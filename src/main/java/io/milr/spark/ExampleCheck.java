package io.milr.spark;

import io.milr.data.DataFormatException;
import io.milr.data.DataProblem;
import io.milr.data.DataSummary;
import io.milr.data.LabeledData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Iterator;
import java.util.List;

/**
 * The check pass over a data set the driver does not hold: every task reads its partition and
 * summarises it ({@link DataSummary}); bad data does not fail the task (Spark would retry it and the
 * message would arrive wrapped, several times) but is kept in the summary; the driver merges the
 * summaries in partition order and reports the first problem once, with the row's number in the data
 * set. What the driver learns (sizes, classes, features, statistics) is all training needs to know.
 */
public final class ExampleCheck {

    /** How the widths of different partitions must relate. */
    public enum Widths {
        /** Every example has the same number of features (CSV, tables). */
        EQUAL,
        /** Examples are as wide as the widest, the missing features 0 (LibSVM). */
        WIDEST
    }

    /** A data set that passed, and what its check found. */
    public record Checked(ExampleSet examples, DataSummary summary) {
    }

    private ExampleCheck() {
    }

    /**
     * Reads {@code source} once on the executors (twice when {@code limit} cuts it: the figures are
     * those of the used examples).
     *
     * @param limit      use at most this many examples, from the first on ({@code <= 0}: all)
     * @param statistics whether the summary keeps per-feature statistics (for a fitted scaling)
     * @param expected   what the data set's examples look like, for the message when it has none
     * @throws DataFormatException for the first bad row or line, for widths that disagree, or for no examples
     */
    public static Checked run(JavaSparkContext sc, ExampleSource source, Widths widths, long limit,
                              boolean statistics, String expected) {
        List<DataSummary> partitions = summaries(source.read(sc), statistics);
        DataSummary all = merged(partitions, statistics);
        requireNoProblem(all, partitions);
        if (all.examples() == 0) {
            throw new DataFormatException(source.description(), "holds no examples; expected " + expected);
        }
        if (widths == Widths.EQUAL && all.otherWidth() >= 0) {
            throw new DataFormatException(source.partitionName(all.otherWidthPartition()), all.otherWidth()
                    + " features per example, expected " + all.firstWidth() + " like "
                    + source.partitionName(all.firstWidthPartition()));
        }
        long[] used = used(partitions, limit);
        ExampleSet set = new ExampleSet(source, used, all.maxWidth(), all.classCounts());
        if (limit > 0 && limit < all.examples()) {
            DataSummary cut = merged(summaries(set.chunks(sc), statistics), statistics);
            return new Checked(new ExampleSet(source, used, all.maxWidth(), cut.classCounts()), cut);
        }
        return new Checked(set, all);
    }

    /** One summary per partition, in partition order. */
    private static List<DataSummary> summaries(JavaRDD<LabeledData> chunks, boolean statistics) {
        return chunks.mapPartitionsWithIndex((p, partition) -> summarise(p, partition, statistics), true).collect();
    }

    /** Runs in a task. */
    private static Iterator<DataSummary> summarise(int partition, Iterator<LabeledData> chunks, boolean statistics) {
        DataSummary summary = new DataSummary(statistics);
        try {
            while (chunks.hasNext()) {
                summary.add(chunks.next(), partition);
            }
        } catch (DataFormatException e) {
            summary.problem(e.toProblem(partition));
        }
        return List.of(summary).iterator();
    }

    private static DataSummary merged(List<DataSummary> partitions, boolean statistics) {
        DataSummary all = new DataSummary(statistics);
        partitions.forEach(all::merge);
        return all;
    }

    private static void requireNoProblem(DataSummary all, List<DataSummary> partitions) {
        DataProblem problem = all.problem();
        if (problem == null) {
            return;
        }
        long firstRow = 0;
        for (int p = 0; p < problem.partition(); p++) {
            firstRow += partitions.get(p).examples() + partitions.get(p).skipped();
        }
        throw problem.toException(firstRow);
    }

    private static long[] used(List<DataSummary> partitions, long limit) {
        long[] used = new long[partitions.size()];
        long remaining = limit > 0 ? limit : Long.MAX_VALUE;
        for (int p = 0; p < used.length; p++) {
            used[p] = Math.min(remaining, partitions.get(p).examples());
            remaining -= used[p];
        }
        return used;
    }
}
