package io.milr.job;

import io.milr.data.CsvFileSlice;
import io.milr.data.CsvFormat;
import io.milr.data.DataFormatException;
import io.milr.data.ExampleSlice;
import io.milr.data.IdxDataSet;
import io.milr.data.IdxSlice;
import io.milr.data.InputFiles;
import io.milr.data.LabelRange;
import io.milr.data.LibSvmFileSlice;
import io.milr.spark.ExampleCheck;
import io.milr.spark.ExampleSet;
import io.milr.spark.SliceSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Data sets in files: IDX known on the driver by headers and label counts, CSV and LibSVM read by the
 * executors one file per task and checked there ({@link ExampleCheck}). The driver only lists files,
 * before Spark is asked for ({@code spark} starts it on first use), so a missing input costs no Spark start.
 */
final class FileSets {
    /** Examples per IDX slice: the unit a task reads (and a retried task reads again). */
    static final int SLICE_SIZE = 10_000;

    private FileSets() {
    }

    /** An IDX data set as slices of known sizes; its examples per class were counted on the driver. */
    static ExampleSet idx(String description, IdxDataSet data, LabelRange labels) {
        List<IdxSlice> slices = data.slices(SLICE_SIZE, labels);
        long[] used = slices.stream().mapToLong(IdxSlice::size).toArray();
        return new ExampleSet(new SliceSource(description, new ArrayList<ExampleSlice>(slices)), used,
                data.rows() * data.cols(), data.classCounts());
    }

    /**
     * A CSV data set, checked on the executors.
     *
     * @param features       the number of features every line must have, or 0 to take it from the data
     * @param featuresSource where that number comes from, for messages
     */
    static ExampleCheck.Checked csv(Configuration conf, Supplier<JavaSparkContext> spark, String description,
                                    String uri, CsvFormat format, LabelRange labels, int features,
                                    String featuresSource, int limit, boolean statistics) {
        return checkFiles(conf, spark, description, uri,
                file -> new CsvFileSlice(file, format, labels, features, featuresSource), ExampleCheck.Widths.EQUAL,
                limit, statistics, "lines of a label and features separated by '" + format.separator() + "'");
    }

    /** A LibSVM data set, checked on the executors; as wide as its largest index unless {@code features > 0}. */
    static ExampleCheck.Checked libsvm(Configuration conf, Supplier<JavaSparkContext> spark, String description,
                                       String uri, LabelRange labels, int features, String featuresSource, int limit,
                                       boolean statistics) {
        return checkFiles(conf, spark, description, uri,
                file -> new LibSvmFileSlice(file, labels, features, featuresSource), ExampleCheck.Widths.WIDEST,
                limit, statistics, "lines of 'label index:value index:value ...'");
    }

    /** The files at {@code uri}, listed here before Spark is asked for, one slice each, checked by the executors. */
    private static ExampleCheck.Checked checkFiles(Configuration conf, Supplier<JavaSparkContext> spark,
                                                   String description, String uri,
                                                   Function<String, ExampleSlice> slice, ExampleCheck.Widths widths,
                                                   int limit, boolean statistics, String expected) {
        List<ExampleSlice> slices = new ArrayList<>();
        for (Path file : InputFiles.list(uri, conf).files()) {
            slices.add(slice.apply(file.toString()));
        }
        return ExampleCheck.run(spark.get(), new SliceSource(description, slices), widths, limit, statistics,
                expected);
    }

    static IdxDataSet nonEmpty(IdxDataSet data) {
        if (data.size() == 0) {
            throw new DataFormatException(data.parts().get(0).images().toString(), "declares 0 images; expected at least one");
        }
        return data;
    }
}
