package io.milr.bench;

import io.milr.config.JobConfig;
import io.milr.job.JobData;
import io.milr.job.TrainJob;
import io.milr.mi.JointHistogram;
import io.milr.report.RunDirectory;
import io.milr.spark.EpochReport;
import io.milr.spark.TrainingData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How cost grows with data (issue 7): MNIST replicated 1x, 4x, 16x (shuffled copies, in parts of
 * 15,000 examples, read by the executors) trained for a few epochs each. Prints and plots epoch time,
 * this JVM's live heap outside its Spark storage memory, the cached blocks in memory and on disk, and
 * the bytes the MI pass reduces.
 *
 * <p>The master is {@code local[2]} unless the system property {@code spark.master} names another
 * (scripts/bench-scaling.sh --standalone starts a Master and a Worker for that). In local mode driver
 * and executors share this JVM, so the heap outside storage is an upper bound of the driver's; on a
 * cluster it is the driver's own.
 *
 * <pre>java ... io.milr.bench.ScalingBench [--sizes 1,4,16] [--epochs 1] [--out docs/scaling] [--data data/scaling]
 *     [--heap-dump DIR]</pre>
 * Each size also leaves the top of its end-of-run class histogram in {@code OUT/heap-xN.txt}, so that a
 * large figure comes with what holds it; {@code --heap-dump} writes the whole live heap as well.
 */
public final class ScalingBench {
    private static final int PART_SIZE = 15_000;

    private ScalingBench() {
    }

    /** One data size's figures. */
    record Row(int copies, long examples, int parts, double buildSeconds, double epochSeconds, double miSeconds,
               double testAccuracy, long liveHeapBytes, long endHeapBytes, long storageMemoryBytes,
               long blocksInMemory, long blocksOnDisk, long reducedBytesPerPass) {

        /**
         * The live objects after training (class histogram), outside this JVM's Spark storage memory:
         * what the driver (and in local mode the executors' replicas) hold once the shuffle's buffers are gone.
         */
        long heapOutsideStorage() {
            return Math.max(0, endHeapBytes - storageMemoryBytes);
        }
    }

    /** The command line: data sizes (copies of MNIST), epochs per size and where things go. */
    private record Options(int[] sizes, int epochs, String out, String dataDir, String heapDumps, String format) {
        private static final String USAGE = "expected: scripts/bench-scaling.sh [--standalone] [--sizes 1,4,16]"
                + " [--epochs N] [--format idx|parquet|csv] [--out DIR] [--data DIR] [--heap-dump DIR]"
                + " (--standalone first)";

        static Options parse(String[] args) {
            int[] sizes = {1, 4, 16};
            int epochs = 1;
            String out = "docs/scaling";
            String dataDir = "data/scaling";
            String heapDumps = null;
            String format = "idx";
            for (int i = 0; i < args.length; i += 2) {
                String option = args[i];
                if (option.equals("--standalone")) {
                    throw new IllegalArgumentException("--standalone must be the first argument; " + USAGE);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value; " + USAGE);
                }
                String value = args[i + 1];
                switch (option) {
                    case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(v -> positive(option, v)).toArray();
                    case "--epochs" -> epochs = positive(option, value);
                    case "--out" -> out = value;
                    case "--data" -> dataDir = value;
                    case "--heap-dump" -> heapDumps = value;
                    case "--format" -> {
                        if (!List.of("idx", "parquet", "csv").contains(value)) {
                            throw new IllegalArgumentException("--format has '" + value + "'; " + USAGE);
                        }
                        format = value;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
                }
            }
            return new Options(sizes, epochs, out, dataDir, heapDumps, format);
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the option's name
            }
            throw new IllegalArgumentException(option + " has '" + value + "'; expected whole numbers >= 1");
        }
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-scaling: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setIfMissing("spark.master", "local[2]").setAppName("milr-scaling")
                .set("spark.ui.enabled", "false");
        List<Row> rows = new ArrayList<>();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            for (int copies : options.sizes()) {
                rows.add(measure(sc, copies, options));
                System.out.println(line(rows.get(rows.size() - 1)));
            }
        }
        write(rows, options.epochs(), conf.get("spark.master"), options.format(), options.out());
    }

    private static Row measure(JavaSparkContext sc, int copies, Options options) {
        int epochs = options.epochs();
        String out = options.out();
        String heapDumps = options.heapDumps();
        Configuration hadoop = sc.hadoopConfiguration();
        String dir = options.dataDir() + "/mnist-x" + copies;
        String glob = dir + "/train-part-*";
        if (!exists(dir, hadoop)) {
            System.out.println("writing " + copies + " shuffled copies of MNIST to " + dir);
            ReplicatedData.write("data/mnist/train", copies, PART_SIZE, dir, hadoop);
        }
        JobConfig config = JobConfig.of(settings(sc, options, dir, glob, epochs));
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        JobData data = JobData.load(config, sc);
        TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
        double build = (System.nanoTime() - start) / 1e9;
        try {
            RunDirectory run = RunDirectory.create("/tmp/milr-scaling/x" + copies, true, hadoop);
            TrainJob.Result result = new TrainJob(config, run, new PrintStream(System.out, true)).run(sc, data, rdds);
            long[] blocks = cachedBytes(sc);
            EpochReport last = result.reports().get(result.reports().size() - 1);
            long storage = storageMemoryUsed();
            String histogram = HeapWatch.classHistogram();
            long endHeap = HeapWatch.total(histogram);
            writeTop(histogram, out + "/heap-x" + copies + ".txt");
            if (heapDumps != null) {
                HeapWatch.dump(heapDumps + "/heap-x" + copies + ".hprof");
            }
            long parts = (data.train().size() + PART_SIZE - 1) / PART_SIZE;
            // The last epoch: the first one of the first size also pays for the JIT's warm-up.
            return new Row(copies, data.train().size(), (int) parts, build, last.seconds(), last.miSeconds(),
                    last.testAccuracy(), heap.stop(), endHeap, storage, blocks[0], blocks[1], reducedBytes(rdds));
        } finally {
            rdds.release();
        }
    }

    /**
     * The job's data settings for the measured format: the IDX parts themselves, or the same examples
     * as Parquet or CSV parts (written once next to them, by the executors), the test set likewise.
     */
    private static String[] settings(JavaSparkContext sc, Options options, String dir, String glob, int epochs) {
        String epochsSetting = "train.epochs=" + epochs;
        if (options.format().equals("idx")) {
            return new String[] {"data.train=" + glob, epochsSetting};
        }
        Configuration hadoop = sc.hadoopConfiguration();
        String train = dir + "/" + options.format();
        String test = options.dataDir() + "/mnist-test/" + options.format();
        if (!exists(train, hadoop)) {
            System.out.println("writing " + glob + " as " + options.format() + " to " + train);
            write(sc, options.format(), glob, train);
        }
        if (!exists(test, hadoop)) {
            write(sc, options.format(), "data/mnist/t10k", test);
        }
        return new String[] {"data.format=" + options.format(), "data.train=" + train, "data.test=" + test,
            "data.scale=unit", "data.scaleMax=255", "data.imageShape=28x28", epochsSetting};
    }

    private static void write(JavaSparkContext sc, String format, String idx, String dir) {
        if (format.equals("parquet")) {
            ReplicatedTables.parquet(sc, idx, dir);
        } else {
            ReplicatedTables.csv(sc, idx, dir);
        }
    }

    /** The first 30 classes of a class histogram, largest first, and its total line. */
    private static void writeTop(String histogram, String file) {
        List<String> lines = histogram.lines().toList();
        List<String> top = new ArrayList<>(lines.subList(0, Math.min(32, lines.size())));
        top.add(lines.get(lines.size() - 1));
        try {
            Files.createDirectories(java.nio.file.Path.of(file).toAbsolutePath().getParent());
            Files.write(java.nio.file.Path.of(file), top);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean exists(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            return path.getFileSystem(conf).exists(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Bytes of cached RDD blocks in memory and on disk. */
    private static long[] cachedBytes(JavaSparkContext sc) {
        long memory = 0;
        long disk = 0;
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            memory += info.memSize();
            disk += info.diskSize();
        }
        return new long[]{memory, disk};
    }

    /**
     * The storage memory this JVM's memory manager has granted, cached blocks and broadcasts. Not the
     * block manager master's figures ({@code getExecutorMemoryStatus}, {@code getRDDStorageInfo}): a
     * MEMORY_AND_DISK block read back from disk is cached in memory again without telling the master,
     * so at 16x they showed 53 MB while the memory store held 1.7 GB of such blocks (found in a heap dump).
     */
    private static long storageMemoryUsed() {
        return org.apache.spark.SparkEnv.get().memoryManager().storageMemoryUsed();
    }

    /** What one measurement pass of the output head reduces: one serialized partial table per partition. */
    private static long reducedBytes(TrainingData rdds) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new JointHistogram[]{new JointHistogram(rdds.numClasses())});
            out.flush();
            return (long) bytes.size() * rdds.workers();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "| %dx | %,d | %d | %.1f | %.1f | %.2f | %.2f%% | %.0f | %.0f | %.0f | %.0f | %.0f | %,d |",
                r.copies(), r.examples(), r.parts(), r.buildSeconds(), r.epochSeconds(), r.miSeconds(),
                100 * r.testAccuracy(), r.liveHeapBytes() / 1e6, r.storageMemoryBytes() / 1e6,
                r.heapOutsideStorage() / 1e6, r.blocksInMemory() / 1e6, r.blocksOnDisk() / 1e6, r.reducedBytesPerPass());
    }

    private static void write(List<Row> rows, int epochs, String master, String format, String out)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| data (MNIST replicated, shuffled copies, ").append(format).append(") | training examples |"
                + " parts of 15,000 | read + check + block s | epoch s |"
                + " MI s | test acc after ").append(epochs).append(" epoch(s) | max live heap MB (whole run) |"
                + " Spark storage memory MB | heap outside storage after the run MB | cached blocks in memory MB (master's view) |"
                + " cached blocks on disk MB |"
                + " bytes reduced per MI pass |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(line(r)).append('\n');
        }
        java.nio.file.Path dir = java.nio.file.Path.of(out);
        Files.createDirectories(dir);
        BitmapEncoder.saveBitmap(List.of(timeChart(rows, master), heapChart(rows, master)), 1, 2,
                dir.resolve("scaling.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        md.append("\nMaster: ").append(master).append(". Heap figures are this JVM's")
                .append(master.startsWith("local") ? " (driver and executors together).\n" : " (the driver alone).\n");
        Files.writeString(dir.resolve("scaling.md"), md.toString());
        System.out.print(md);
    }

    /** Seconds against training examples: the epoch, its MI pass, and reading the data into blocks. */
    private static XYChart timeChart(List<Row> rows, String master) {
        XYChart chart = new XYChartBuilder().width(640).height(460).title("time, " + master)
                .xAxisTitle("training examples (MNIST replicated, shuffled copies)").yAxisTitle("seconds").build();
        double[] x = rows.stream().mapToDouble(Row::examples).toArray();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.addSeries("epoch", x, rows.stream().mapToDouble(Row::epochSeconds).toArray());
        chart.addSeries("MI pass (in the epoch)", x, rows.stream().mapToDouble(Row::miSeconds).toArray());
        chart.addSeries("read + block", x, rows.stream().mapToDouble(Row::buildSeconds).toArray());
        return chart;
    }

    /** This JVM's heap against training examples: live outside Spark's storage, storage, and the largest live. */
    private static XYChart heapChart(List<Row> rows, String master) {
        String whose = master.startsWith("local") ? "driver + executors (one JVM)" : "driver JVM";
        XYChart chart = new XYChartBuilder().width(640).height(460).title("heap of the " + whose)
                .xAxisTitle("training examples (MNIST replicated, shuffled copies)").yAxisTitle("MB").build();
        double[] x = rows.stream().mapToDouble(Row::examples).toArray();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.addSeries("live outside Spark storage, after the run", x,
                rows.stream().mapToDouble(r -> r.heapOutsideStorage() / 1e6).toArray());
        chart.addSeries("Spark storage memory (cached blocks)", x,
                rows.stream().mapToDouble(r -> r.storageMemoryBytes() / 1e6).toArray());
        chart.addSeries("largest live during the run", x, rows.stream().mapToDouble(r -> r.liveHeapBytes() / 1e6).toArray());
        return chart;
    }

    /** The largest heap live after a garbage collection, sampled every 200 ms while a size runs. */
    private static final class HeapWatch {
        private final AtomicLong max = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            System.gc();
            sampler = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(liveAfterGc(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "milr-heap-watch");
            sampler.setDaemon(true);
        }

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            watch.sampler.start();
            return watch;
        }

        long stop() {
            running = false;
            System.gc();
            return Math.max(max.get(), liveAfterGc());
        }

        /** HotSpot's class histogram of the live objects (it runs a full collection first). */
        static String classHistogram() {
            try {
                return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[]{null}, new String[]{String[].class.getName()});
            } catch (javax.management.JMException e) {
                throw new IllegalStateException("cannot read the class histogram: " + e.getMessage(), e);
            }
        }

        /**
         * The bytes of all live objects, a class histogram's total. Not the heap's "used" figure: G1 counts
         * whole regions, and the cached blocks' 2 MB byte arrays each fill more than one region, so "used"
         * overstates what is live by about half the Spark storage.
         */
        static long total(String histogram) {
            String total = histogram.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
            String[] fields = total.trim().split("\\s+");
            return Long.parseLong(fields[fields.length - 1]);
        }

        /** The live heap (after a full collection) as an HPROF file, for a heap analyser. */
        static void dump(String file) {
            try {
                Files.createDirectories(java.nio.file.Path.of(file).toAbsolutePath().getParent());
                Files.deleteIfExists(java.nio.file.Path.of(file));
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpHeap(file, true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static long liveAfterGc() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                }
            }
            return used;
        }
    }
}
