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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How cost grows with data (issue 7): MNIST replicated 1x, 4x, 16x (shuffled copies, in parts of
 * 15,000 examples, read by the executors) trained for a few epochs each in one local-mode JVM.
 * Prints and plots epoch time, the driver's own heap (live heap after GC minus Spark's storage
 * memory, which in local mode lives in the same JVM), the cached blocks in memory and on disk, and
 * the bytes the MI pass reduces.
 *
 * <pre>java ... io.milr.bench.ScalingBench [--sizes 1,4,16] [--epochs 1] [--out docs/scaling] [--data data/scaling]</pre>
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
         * The live objects after training (class histogram), outside Spark's storage memory: what the
         * driver (and the local executor's replicas) hold once the shuffle's buffers are gone. In local mode one
         * JVM holds driver and executor, so this is an upper bound of the driver's own heap.
         */
        long heapOutsideStorage() {
            return Math.max(0, endHeapBytes - storageMemoryBytes);
        }
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = {1, 4, 16};
        int epochs = 1;
        String out = "docs/scaling";
        String dataDir = "data/scaling";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--out" -> out = args[i + 1];
                case "--data" -> dataDir = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --sizes 1,4,16 --epochs N --out DIR --data DIR");
            }
        }
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("milr-scaling")
                .set("spark.ui.enabled", "false");
        List<Row> rows = new ArrayList<>();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            for (int copies : sizes) {
                rows.add(measure(sc, copies, epochs, dataDir));
                System.out.println(line(rows.get(rows.size() - 1)));
            }
        }
        write(rows, epochs, out);
    }

    private static Row measure(JavaSparkContext sc, int copies, int epochs, String dataDir) {
        Configuration hadoop = sc.hadoopConfiguration();
        String dir = dataDir + "/mnist-x" + copies;
        String glob = dir + "/train-part-*";
        if (!exists(dir, hadoop)) {
            System.out.println("writing " + copies + " shuffled copies of MNIST to " + dir);
            ReplicatedData.write("data/mnist/train", copies, PART_SIZE, dir, hadoop);
        }
        JobConfig config = JobConfig.of("data.train=" + glob, "train.epochs=" + epochs);
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        JobData data = JobData.load(config, hadoop);
        TrainingData rdds = data.toRdds(sc, TrainJob.trainerSettings(config));
        double build = (System.nanoTime() - start) / 1e9;
        try {
            RunDirectory run = RunDirectory.create("/tmp/milr-scaling/x" + copies, true, hadoop);
            TrainJob.Result result = new TrainJob(config, run, new PrintStream(System.out, true)).run(sc, data, rdds);
            long[] blocks = cachedBytes(sc);
            EpochReport last = result.reports().get(result.reports().size() - 1);
            long storage = storageMemoryUsed(sc);
            long endHeap = HeapWatch.liveNow();
            long parts = (data.train().size() + PART_SIZE - 1) / PART_SIZE;
            // The last epoch: the first one of the first size also pays for the JIT's warm-up.
            return new Row(copies, data.train().size(), (int) parts, build, last.seconds(), last.miSeconds(),
                    last.testAccuracy(), heap.stop(), endHeap, storage, blocks[0], blocks[1], reducedBytes(rdds));
        } finally {
            rdds.release();
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

    private static long storageMemoryUsed(JavaSparkContext sc) {
        long used = 0;
        for (scala.Tuple2<Object, Object> status : scala.collection.JavaConverters
                .mapAsJavaMap(sc.sc().getExecutorMemoryStatus()).values()) {
            used += (Long) status._1() - (Long) status._2();
        }
        return used;
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

    private static void write(List<Row> rows, int epochs, String out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| data (MNIST replicated, shuffled copies) | training examples | IDX parts | read + block s | epoch s |"
                + " MI s | test acc after ").append(epochs).append(" epoch(s) | max live heap MB (whole run) |"
                + " Spark storage memory MB | heap outside storage after the run MB | cached blocks in memory MB | cached blocks on disk MB |"
                + " bytes reduced per MI pass |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(line(r)).append('\n');
        }
        java.nio.file.Path dir = java.nio.file.Path.of(out);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("scaling.md"), md.toString());
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("milr on MNIST replicated (shuffled copies), local[2]").xAxisTitle("training examples").build();
        double[] x = rows.stream().mapToDouble(Row::examples).toArray();
        chart.addSeries("epoch seconds", x, rows.stream().mapToDouble(Row::epochSeconds).toArray());
        chart.addSeries("heap outside Spark storage (100 MB)", x,
                rows.stream().mapToDouble(r -> r.heapOutsideStorage() / 1e8).toArray());
        chart.addSeries("cached blocks on disk (GB)", x, rows.stream().mapToDouble(r -> r.blocksOnDisk() / 1e9).toArray());
        chart.addSeries("read + block seconds", x, rows.stream().mapToDouble(Row::buildSeconds).toArray());
        BitmapEncoder.saveBitmap(chart, dir.resolve("scaling.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.print(md);
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

        /**
         * The bytes of all live objects, from HotSpot's class histogram (which runs a full collection
         * first). Not the heap's "used" figure: G1 counts whole regions, and the cached blocks' 2 MB byte
         * arrays each fill more than one region, so "used" overstates what is live by about half the
         * Spark storage.
         */
        static long liveNow() {
            try {
                String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[]{null}, new String[]{String[].class.getName()});
                String total = histogram.lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
                String[] fields = total.trim().split("\\s+");
                return Long.parseLong(fields[fields.length - 1]);
            } catch (javax.management.JMException e) {
                throw new IllegalStateException("cannot read the class histogram: " + e.getMessage(), e);
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
