package io.milr.report.html;

import io.milr.report.RunDirectory;
import io.milr.report.RunMetrics;

import java.util.List;

/**
 * Writes a run's report, {@code report.html} and its PNG plots, from the run directory's files
 * alone; the end of {@code train} and the {@code report} subcommand both come here. Several runs
 * make one overlay, {@code overlay.html} with {@code overlay-*.png}, so that the overlay written
 * into a run's directory does not replace that run's own report.
 */
public final class RunReport {
    public static final String PAGE = "report.html";
    public static final String OVERLAY_PAGE = "overlay.html";
    private static final String OVERLAY_PREFIX = "overlay-";

    private RunReport() {
    }

    /** The report of one run, written into its own directory; returns the page's URI. */
    public static String write(RunDirectory run) {
        return write(List.of(run), run);
    }

    /** One run's report, or the overlay of several, written into {@code out}; returns the page's URI. */
    public static String write(List<RunDirectory> runs, RunDirectory out) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run to report");
        }
        List<RunMetrics> metrics = runs.stream().map(RunMetrics::read).toList();
        boolean overlay = metrics.size() > 1;
        List<Plot> plots = ReportCharts.of(metrics, overlay ? OVERLAY_PREFIX : "");
        for (Plot plot : plots) {
            out.write(plot.file(), stream -> stream.write(plot.png()));
        }
        String page = overlay ? OVERLAY_PAGE : PAGE;
        out.writeString(page, ReportPage.html(metrics, plots));
        return out.path(page).toString();
    }
}
