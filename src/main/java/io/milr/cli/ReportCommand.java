package io.milr.cli;

import io.milr.report.RunDirectory;
import io.milr.report.html.RunReport;
import io.milr.storage.StorageProbe;
import io.milr.storage.StorageUri;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code milr report DIR... [--out DIR]}: a run's report rewritten, or several runs overlaid. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rewrite a run's report (report.html, PNG plots) from its metrics.jsonl; with several DIRs, one"
                + " overlay (overlay.html) of them all.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "run directories; each is read with its own config.properties")
    List<String> runDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where the report goes; default the first DIR")
    String outDir;

    private final PrintStream out;

    ReportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Configuration hadoopConf = SparkJob.hadoopConf();
        StorageProbe probe = new StorageProbe(hadoopConf);
        runDirs.forEach(dir -> probe.reach(StorageUri.argument("report", dir)));
        if (outDir != null) {
            probe.reach(StorageUri.argument("--out", outDir));
        }
        List<RunDirectory> runs = runDirs.stream().map(dir -> RunDirectory.open(dir, hadoopConf)).toList();
        RunDirectory target = outDir == null ? runs.get(0) : RunDirectory.create(outDir, true, hadoopConf);
        out.println("milr: report written: " + RunReport.write(runs, target));
        return Main.OK;
    }
}
