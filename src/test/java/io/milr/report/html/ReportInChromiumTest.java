package io.milr.report.html;

import io.milr.testing.ShortRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The report as a person opens it: a real run's report.html in headless Chromium (Debian
 * {@code chromium}, installed by scripts/install-chromium.sh), from the file system, no network.
 * The page marks its body once every image has loaded, which the DOM dump shows.
 */
class ReportInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;

    @Test
    void showsEveryPlotWithoutErrors(@TempDir Path dir) throws Exception {
        Path page = ShortRun.get().dir().resolve(RunReport.PAGE);
        Browser.Result dom = chromium(dir, "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString());
        assertTrue(dom.stdout().contains("data-images=\"loaded\""), "every image loaded:\n" + dom.stdout());
        assertTrue(dom.stdout().contains("data-images-loaded=\"" + ReportFiles.PLOTS.size() + "\""), dom.stdout());
        List<String> pageErrors = dom.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), pageErrors, "the page logs nothing to the console");

        Path shot = dir.resolve("report.png");
        chromium(dir, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "the screenshot is a PNG");
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        assertTrue(colours(image) > 50, "the screenshot shows more than a blank page: " + colours(image) + " colours");
    }

    @Test
    void aMissingPlotIsSeenAsBroken(@TempDir Path dir) throws Exception {
        Path run = ShortRun.get().dir();
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String file : ReportFiles.PLOTS) {
            if (!file.equals("lr.png")) {
                Files.copy(run.resolve(file), copy.resolve(file));
            }
        }
        Files.copy(run.resolve(RunReport.PAGE), copy.resolve(RunReport.PAGE));
        Browser.Result dom = chromium(dir, "--virtual-time-budget=10000", "--dump-dom",
                copy.resolve(RunReport.PAGE).toUri().toString());
        assertTrue(dom.stdout().contains("data-images=\"broken\""), dom.stdout());
    }

    private static Browser.Result chromium(Path dir, String... args) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: run scripts/install-chromium.sh (Debian package chromium) first");
        }
        return Browser.run(dir, args);
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** One headless Chromium run, isolated in its own profile, with no network services. */
    private static final class Browser {
        record Result(String stdout, String stderr) {
        }

        static Result run(Path dir, String... args) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory(dir, "profile");
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--enable-logging=stderr",
                    "--user-data-dir=" + profile));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(dir, "chromium", ".out");
            Path err = Files.createTempFile(dir, "chromium", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("chromium did not finish in 90 s: " + command);
            }
            Result result = new Result(Files.readString(out), Files.readString(err));
            assertEquals(0, process.exitValue(), "chromium " + String.join(" ", args) + " failed:\n" + result.stderr());
            return result;
        }
    }
}
