package io.milr.bench;

import io.milr.config.ConfigException;
import io.milr.config.JobConfig;
import io.milr.data.Minibatches;
import io.milr.report.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.knowm.xchart.BitmapEncoder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code milr bench}: trains the same network on the same minibatches with every system, each run
 * in a process of its own, one system after the other (runs interleaved, so that a disturbance
 * of the machine spreads over all systems), then writes the table ({@code bench.md},
 * {@code bench.json}, {@code bench.png}) and prints it. Each system's run directory keeps its log
 * and raw result (and milr's own run files).
 */
public final class Benchmark {
    private final BenchSettings settings;
    private final PrintStream console;

    public Benchmark(BenchSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** One row of the table as it fills: its system, and its runs or why it was skipped. */
    private record Entry(String label, BenchSystem system, int threads, List<SystemRun> runs, String skipped) {
    }

    public BenchTable run() {
        Configuration hadoop = new Configuration();
        JobConfig job = settings.job();
        BenchData data = BenchData.load(job, hadoop);
        RunDirectory out = RunDirectory.create(settings.outDir(), settings.overwrite(), hadoop);
        Path dir = localDirectory(out);
        Path jobFile = dir.resolve("job.properties");
        writeJob(job, jobFile);

        Map<String, Entry> entries = new LinkedHashMap<>();
        Optional<String> torchMissing = Optional.empty();
        Path order = dir.resolve("example-order.i32");
        for (BenchSystem system : settings.systems()) {
            if (system == BenchSystem.PYTORCH) {
                torchMissing = TorchPeer.unavailable(data);
                torchMissing.ifPresent(why -> console.println("bench: PyTorch skipped: " + why));
                for (int threads : settings.torchThreads()) {
                    String label = TorchPeer.label(threads);
                    entries.put(label, new Entry(label, system, threads, new ArrayList<>(), torchMissing.orElse(null)));
                }
                if (torchMissing.isEmpty()) {
                    TorchPeer.writeOrder(Minibatches.exampleOrder(data.train().size(), job.seed()), order);
                }
            } else {
                entries.put(system.configName(), new Entry(system.configName(), system, 0, new ArrayList<>(), null));
            }
        }
        console.printf(Locale.ROOT, "bench: %s; %d run(s) of %s -> %s%n", title(job, data), settings.runs(),
                String.join(", ", entries.keySet()), out.uri());

        String loadBefore = loadAverage();
        for (int run = 1; run <= settings.runs(); run++) {
            for (Entry entry : entries.values()) {
                if (entry.skipped() == null) {
                    long start = System.nanoTime();
                    SystemRun result = runOnce(entry, run, jobFile, data, order, dir);
                    entry.runs().add(result);
                    report(result, (System.nanoTime() - start) / 1e9);
                }
            }
        }
        String loadAfter = loadAverage();

        List<BenchRow> rows = new ArrayList<>();
        List<SystemRun> all = new ArrayList<>();
        for (Entry entry : entries.values()) {
            rows.add(entry.skipped() != null ? BenchRow.skipped(entry.system(), entry.label(), entry.threads(), entry.skipped())
                    : BenchTable.row(entry.label(), entry.system(), entry.runs().get(0).threads(), entry.runs()));
            all.addAll(entry.runs());
        }
        BenchTable table = new BenchTable(title(job, data), BenchTable.withRatios(rows),
                notes(job, entries, loadBefore, loadAfter, dir), all);
        out.writeString("bench.md", table.markdown());
        out.writeString("bench.json", table.json());
        out.write("bench.png", stream -> BitmapEncoder.saveBitmap(table.chart(chartTitle(job, data)), stream, BitmapEncoder.BitmapFormat.PNG));
        console.println();
        console.print(table.markdown());
        console.println();
        console.println("bench: written " + out.path("bench.md") + ", bench.json, bench.png");
        return table;
    }

    private SystemRun runOnce(Entry entry, int run, Path jobFile, BenchData data, Path order, Path dir) {
        String name = entry.label().replace(' ', '-') + "-run" + run;
        Path runDir = createDirectory(dir.resolve(name));
        Path result = runDir.resolve("result.json");
        String what = entry.label() + " run " + run;
        List<String> jvmOptions = settings.flightRecorder()
                ? List.of("-XX:StartFlightRecording=filename=" + runDir.resolve("recording.jfr") + ",settings=profile")
                : List.of();
        Map<String, String> environment = Map.of("OMP_NUM_THREADS", "1",
                "SPARK_LOCAL_IP", System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1"));
        switch (entry.system()) {
            case DL4J -> ChildProcess.run(what, ChildProcess.java(SingleJvmFit.class, jvmOptions,
                    List.of(jobFile.toString(), result.toString(), Integer.toString(run))), environment,
                    runDir.resolve("console.log"));
            case MILR_NETWORK, MILR_LAYER, MILR_NETWORK_FUSED, MILR_LAYER_FUSED -> ChildProcess.run(what,
                    ChildProcess.java(MilrLocalRun.class, jvmOptions, List.of(jobFile.toString(), entry.system().configName(),
                            runDir.resolve("run").toString(), result.toString(), Integer.toString(run))),
                    environment, runDir.resolve("console.log"));
            case PYTORCH -> {
                return TorchPeer.run(settings.job(), data, order, entry.threads(), run, runDir);
            }
        }
        return BenchJson.read(result);
    }

    private void report(SystemRun result, double wallSeconds) {
        List<EpochTiming> measured = BenchTable.measured(result);
        console.printf(Locale.ROOT, "bench: run %d/%d  %-18s %d epoch(s) in %5.1f s: s/epoch %.2f (median of epochs %s),"
                        + " test accuracy %.2f%%%n", result.run(), settings.runs(), result.label(), result.epochs().size(),
                wallSeconds, Stats.median(measured.stream().mapToDouble(EpochTiming::seconds).toArray()),
                measured.stream().map(e -> Integer.toString(e.epoch())).collect(Collectors.joining(",")),
                100 * result.epochs().get(result.epochs().size() - 1).testAccuracy());
    }

    static String title(JobConfig job, BenchData data) {
        return String.format(Locale.ROOT, "milr bench: MLP %s on %s (%d train / %d test), minibatch %d, SGD lr %.3g,"
                        + " %d epoch(s)", layers(job, data), job.trainData(), data.train().size(), data.test().size(),
                job.batchSize(), job.lrSettings().lrStart(), job.epochs());
    }

    private static String chartTitle(JobConfig job, BenchData data) {
        return String.format(Locale.ROOT, "seconds per epoch: MLP %s, %d examples, minibatch %d",
                layers(job, data), data.train().size(), job.batchSize());
    }

    private static String layers(JobConfig job, BenchData data) {
        return data.train().numFeatures() + "-" + Arrays.stream(job.model().hidden())
                .mapToObj(Integer::toString).collect(Collectors.joining("-")) + "-" + data.numClasses();
    }

    private List<String> notes(JobConfig job, Map<String, Entry> entries, String loadBefore, String loadAfter, Path dir) {
        List<String> notes = new ArrayList<>();
        notes.add(job.epochs() >= 2
                ? "s/epoch and MI figures: median over epochs 2.." + job.epochs() + " of each run (epoch 1 warms up),"
                        + " then over the " + settings.runs() + " run(s); accuracy: after the last epoch, median over runs."
                : "Only 1 epoch per run: the figures include the warm-up epoch; they are no steady-state timings.");
        notes.add("DL4J and PyTorch: s/epoch is the training pass alone. milr: the whole epoch as metrics.jsonl reports"
                + " it (parameter-averaging training, MI histogram passes, test evaluation); MI s/epoch is its mi_seconds"
                + " (histogram passes + MI + policy) and MI share its part of the epoch; driver MI+policy is the"
                + " driver's own part of that (MI from the merged tables, the policy, setting the LRs).");
        notes.add("MI bytes: what the histogram passes that feed the MI send to the driver (Spark's task result"
                + " sizes, which include each task's metrics, about 1 KB a task; the test-set evaluation pass is left"
                + " out), per pass and per measurement (one measurement per epoch); 'tables' is the partial tables"
                + " alone (their serialized size times the partitions). Neither depends on the number of examples.");
        notes.add("Same minibatches everywhere: examples shuffled once with train.seed=" + job.seed() + " (PyTorch reads"
                + " the IDX files and that order), network built as ModelSpec builds it (Xavier-normal weights, zero"
                + " biases, softmax + cross-entropy), plain SGD at lr " + job.lrSettings().lrStart() + "; milr's MI-LR"
                + " starts there and may decay it (lr.min " + job.lrSettings().lrMin() + ", mi.threshold "
                + job.lrSettings().threshold() + ").");
        for (Entry entry : entries.values()) {
            if (!entry.runs().isEmpty()) {
                notes.add(entry.label() + ": " + entry.runs().get(0).notes());
            }
        }
        notes.add(String.format(Locale.ROOT, "Machine: %d cores (%s), Java %s; 1-minute load average %s before the"
                        + " runs, %s after. Timings from a shared or loaded machine are not results.",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"),
                loadBefore, loadAfter));
        if (settings.flightRecorder()) {
            notes.add("Java Flight Recorder (settings=profile) recorded every JVM child: recording.jfr in its run"
                    + " directory under " + dir + "; its sampling slows the run by a few percent.");
        }
        return notes;
    }

    private static Path localDirectory(RunDirectory out) {
        java.net.URI uri = new org.apache.hadoop.fs.Path(out.uri()).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new ConfigException("--out " + out.uri() + ": the bench needs a local directory (its child processes"
                    + " write their results there)");
        }
        return Path.of(uri.getPath());
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot create " + dir, e);
        }
    }

    private static void writeJob(JobConfig job, Path file) {
        StringBuilder text = new StringBuilder("# the job every system of the bench trains (milr bench)\n");
        job.effectiveValues().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot write " + file, e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
