package io.milr.report.html;

import io.milr.report.RunDirectory;
import io.milr.testing.ShortRun;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.milr.report.html.ReportFiles.HEIGHT;
import static io.milr.report.html.ReportFiles.PLOTS;
import static io.milr.report.html.ReportFiles.WIDTH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a real short run: written by train, rewritten from metrics alone, overlaid. */
class RunReportTest {
    private final Configuration hadoop = new Configuration();

    @Test
    void trainWritesEveryPlotAsAPngAndThePageShowsThemAll() throws Exception {
        Path run = ShortRun.get().dir();
        for (String plot : PLOTS) {
            assertPng(run.resolve(plot));
        }
        String html = Files.readString(run.resolve(RunReport.PAGE));
        assertEquals(PLOTS, ReportFiles.imageSources(html), "the page shows every plot, by relative link");
        assertSelfContained(html);
        assertTrue(html.contains("<h1>milr run run</h1>"), "titled by the run directory's name");
        assertTrue(html.contains("mlp 64, layer mode"), "described from config.properties");
    }

    @Test
    void theReportIsRewrittenFromMetricsAloneToTheSameFiles(@TempDir Path dir) throws Exception {
        Path run = ShortRun.get().dir();
        Path copy = ReportFiles.copyMetrics(run, dir.resolve("run"));
        RunReport.write(RunDirectory.open(copy.toString(), hadoop));
        assertEquals(ReportFiles.pngFiles(run), ReportFiles.pngFiles(copy));
        for (String plot : PLOTS) {
            assertArrayEquals(Files.readAllBytes(run.resolve(plot)), Files.readAllBytes(copy.resolve(plot)),
                    plot + " is the same picture whether train or report draws it");
        }
        assertEquals(Files.readString(run.resolve(RunReport.PAGE)).replace(run.toString(), "RUN"),
                Files.readString(copy.resolve(RunReport.PAGE)).replace(copy.toString(), "RUN"));
    }

    @Test
    void severalRunsMakeOneOverlayWithARangeTestWhereOneRan(@TempDir Path dir) throws Exception {
        Path run = ShortRun.get().dir();
        Path first = ReportFiles.copyMetrics(run, dir.resolve("first"));
        Path second = ReportFiles.copyMetrics(run, dir.resolve("second"));
        Files.writeString(second.resolve("range.csv"), "lr,mi_norm,loss,seconds\n0.001,0.21,2.0,1.1\n0.01,0.55,1.1,1.0\n"
                + "0.1,0.81,0.5,1.0\n1,0.12,9.5,1.2\n");

        String page = RunReport.write(List.of(RunDirectory.open(first.toString(), hadoop),
                RunDirectory.open(second.toString(), hadoop)), RunDirectory.open(first.toString(), hadoop));
        assertTrue(page.endsWith("first/" + RunReport.OVERLAY_PAGE), page);
        assertFalse(Files.exists(first.resolve(RunReport.PAGE)), "the first run's own report is not replaced");

        List<String> expected = new ArrayList<>(List.of("overlay-accuracy.png", "overlay-loss.png", "overlay-mi.png",
                "overlay-lr.png", "overlay-confusion-1.png", "overlay-confusion-2.png", "overlay-range.png",
                "overlay-timings.png"));
        String html = Files.readString(first.resolve(RunReport.OVERLAY_PAGE));
        assertEquals(expected, ReportFiles.imageSources(html));
        for (String plot : expected) {
            assertPng(first.resolve(plot));
        }
        assertSelfContained(html);
        assertTrue(html.contains("first") && html.contains("second"), "both runs are named");
    }

    @Test
    void aRunStoppedBeforeItsFirstEpochStillGetsAReport(@TempDir Path dir) throws Exception {
        Path copy = ReportFiles.copyMetrics(ShortRun.get().dir(), dir.resolve("stopped"));
        Files.writeString(copy.resolve("metrics.jsonl"), Files.readAllLines(copy.resolve("metrics.jsonl")).get(0) + "\n");
        RunReport.write(RunDirectory.open(copy.toString(), hadoop));
        String html = Files.readString(copy.resolve(RunReport.PAGE));
        assertEquals(List.of("mi.png", "confusion.png"), ReportFiles.imageSources(html),
                "only what epoch 0 measured; plots with nothing to draw are left out");
        assertTrue(html.contains("no trained epoch yet"));
    }

    static void assertPng(Path file) throws Exception {
        assertTrue(Files.exists(file), file + " exists");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " decodes as an image");
        assertEquals(WIDTH, image.getWidth(), file + " width");
        assertEquals(HEIGHT, image.getHeight(), file + " height");
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(Files.readAllBytes(file), 8), file + " is a PNG file");
    }

    /** Nothing fetched from elsewhere: no external stylesheet, script, font or image. */
    static void assertSelfContained(String html) {
        for (String external : List.of("http://", "https://", "<link", "src=\"/", "@import", "url(")) {
            assertFalse(html.contains(external), "the page refers to nothing outside: found " + external);
        }
    }
}
