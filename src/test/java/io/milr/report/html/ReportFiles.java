package io.milr.report.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the report tests look for in a run directory. */
final class ReportFiles {
    /** The plots of a run without a range test, in page order. */
    static final List<String> PLOTS = List.of("accuracy.png", "loss.png", "mi.png", "lr.png", "confusion.png",
            "timings.png");
    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    private ReportFiles() {
    }

    /** The {@code src} of every {@code <img>} of the page, in order. */
    static List<String> imageSources(String html) {
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        return img.results().map(m -> m.group(1)).toList();
    }

    /** Copies a run's metrics and configuration only: a report must need nothing else. */
    static Path copyMetrics(Path run, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(run.resolve("metrics.jsonl"), to.resolve("metrics.jsonl"));
        Files.copy(run.resolve("config.properties"), to.resolve("config.properties"));
        return to;
    }

    static List<String> pngFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }
}
