package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML review in a real browser: headless Chromium renders it to a PNG, which must show the
 * picture (its coloured bands) and the tables, not a blank page. Runs only where Chromium is
 * installed (Debian: {@code apt-get install chromium}); CI has none, so it is skipped there with a
 * notice. Run it alone: {@code mvn -q test -Dtest=ChromiumRenderTest}.
 */
class ChromiumRenderTest {
    static final Path CHROMIUM = Path.of(System.getProperty("stage2scope.chromium", "/usr/bin/chromium"));

    @Test
    void chromiumRendersTheHtmlReviewAsAPageWithThePicture(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.err.println("NOTICE: ChromiumRenderTest skipped: " + CHROMIUM + " is not installed (apt-get install chromium to run it)");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed: the real-browser check of the HTML review is skipped");
        Path html = dir.resolve("review.html");
        Files.writeString(html, HtmlWriter.write(ReviewDocumentsTest.full("grace-hopper-fwb.json")), StandardCharsets.UTF_8);
        Path png = dir.resolve("shot.png");
        // No network, no profile of the user's, nothing in the background: the page must render from itself alone.
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1400,1400", "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long blue = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (rgb != 0xffffff) {
                    nonWhite++;
                }
                // The Normal write-back bands are a saturated blue; nothing else on the page is.
                if (b > 150 && b > r + 80 && b > g + 30) {
                    blue++;
                }
            }
        }
        long samples = (long) (img.getWidth() / 2) * (img.getHeight() / 2);
        assertTrue(colours.size() > 100, "only " + colours.size() + " colours: a blank page");
        assertTrue(nonWhite > samples / 20, nonWhite + " of " + samples + " sampled pixels are not white");
        assertTrue(blue > 500, "the picture's write-back bands are missing (" + blue + " blue samples)");
    }
}
