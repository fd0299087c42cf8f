package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesThePngAtTheRequestedScale() throws Exception {
        Path png = dir.resolve("gh.png");
        assertEquals(0, run("render", "samples/grace-hopper-fwb.json", "-o", png.toString(), "--scale", "2"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3200, img.getWidth(), "export width 1600 at scale 2");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gh.png"));
    }

    @Test
    void writesSvgWithTheCaptionAsTextAndHonoursThePolicy() throws Exception {
        Path svg = dir.resolve("gh.svg");
        assertEquals(0, run("render", "samples/grace-hopper-no-fwb.json", "-o", svg.toString(), "--policy", "pre-6.17"));
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
        assertTrue(text.contains("policy pre-6.17"), "caption names the policy");
        assertTrue(text.contains("Device-nGnRE"), "pre-6.17 forces the GPU memory to Device");
    }

    @Test
    void refusesAnUnknownExtensionAndAnUnreadableScenario() {
        assertEquals(2, run("render", "samples/grace-hopper-fwb.json", "-o", dir.resolve("a.gif").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected a file name ending in .png or .svg"));
        assertEquals(2, run("render", dir.resolve("missing.json").toString(), "-o", dir.resolve("a.png").toString()));
        assertFalse(Files.exists(dir.resolve("a.png")), "nothing written for an unreadable scenario");
    }

    /** The hex addresses the SVG's GPA tick labels show. */
    private static java.util.List<Long> gpaTicks(String svg) {
        var doc = org.jsoup.Jsoup.parse(svg, "", org.jsoup.parser.Parser.xmlParser());
        return doc.select("text.label.tick.gpa").stream().map(e -> Long.parseUnsignedLong(e.text().substring(2), 16)).toList();
    }

    @Test
    void gpaDrawsTheZoomedViewHeadless() throws Exception {
        Path svg = dir.resolve("zoom.svg");
        assertEquals(0, run("render", "samples/grace-hopper-fwb.json", "-o", svg.toString(), "--gpa", "0x40000000+1G"));
        String text = Files.readString(svg);
        java.util.List<Long> ticks = gpaTicks(text);
        assertTrue(ticks.size() >= 2, "two tick labels at least: " + ticks);
        for (long t : ticks) {
            assertTrue(t >= 0x38000000L && t <= 0x88000000L, "tick " + Long.toHexString(t) + " far outside the 1 GiB asked for");
        }
        assertFalse(text.contains("slot 2 (GPU usemem)"), "a slot out of view is not labelled");
    }

    @Test
    void hvaFramesTheGuestMemoryAHostRangeBacks() throws Exception {
        Path svg = dir.resolve("hva.svg");
        assertEquals(0, run("render", "samples/grace-hopper-fwb.json", "-o", svg.toString(), "--hva", "0xfff800000000+16G"));
        String text = Files.readString(svg);
        assertTrue(text.contains("slot 1 (mach-virt.ram)"), "the slot over guest RAM is labelled");
        assertEquals(2, run("render", "samples/grace-hopper-fwb.json", "-o", dir.resolve("x.svg").toString(), "--hva", "0x1000+4K"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no accepted memslot maps any of this host range"));
        assertFalse(Files.exists(dir.resolve("x.svg")));
    }

    /** Exit 2, one sentence naming the option and what it expected, and no file written. */
    private void refused(String option, String range, String expected) {
        err.reset();
        Path target = dir.resolve("refused.svg");
        assertEquals(2, run("render", "samples/grace-hopper-fwb.json", "-o", target.toString(), option, range), range);
        String e = err.toString(StandardCharsets.UTF_8);
        String first = e.lines().findFirst().orElse("");
        assertTrue(first.startsWith("stage2scope render: " + option + " \"" + range + "\""), first);
        assertTrue(first.contains(expected), first);
        assertFalse(e.contains("Exception") || e.contains("\tat "), "no stack trace: " + e);
        assertFalse(Files.exists(target), "nothing written for " + range);
    }

    @Test
    void anEmptyTinyOrOutOfSpaceRangeIsRefused() {
        // START-START used to draw a one-byte window ("100 px = 0.0084 B") and exit 0.
        refused("--gpa", "0x40000000-0x40000000", "expected at least 4 KiB (one page)");
        refused("--gpa", "0x40000000+0", "the range is empty; expected a SIZE of at least 4 KiB");
        refused("--gpa", "0x40000000+1", "is one byte; expected at least 4 KiB");
        refused("--gpa", "0x40001000-0x40000000", "END is below START; expected START-END");
        refused("--gpa", "0xfffffffffff00000+2M", "runs past 2^64");
        refused("--gpa", "0x0-0x10000000000000000", "above 2^64 - 1");
        refused("--hva", "0xfff800000000-0xfff800000000", "expected at least 4 KiB");
        refused("--hva", "0x1000+4K", "no accepted memslot maps any of this host range");
    }

    @Test
    void aRangeInsideAGapIsDrawnAsAskedWithANote() throws Exception {
        // 0x1000000000-0x103fffffff lies between guest RAM (ends 0x43fffffff) and GPU memory (0x8000000000).
        Path svg = dir.resolve("gap.svg");
        assertEquals(0, run("render", "samples/grace-hopper-fwb.json", "-o", svg.toString(), "--gpa", "0x1000000000+1G"));
        String text = Files.readString(svg);
        java.util.List<Long> ticks = gpaTicks(text);
        assertTrue(ticks.size() >= 2, "ticks: " + ticks);
        for (long t : ticks) {
            assertTrue(t >= 0x1000000000L && t <= 0x103fffffffL, "tick " + Long.toHexString(t) + " outside the range asked for");
        }
        assertTrue(text.contains("nothing mapped in 0x1000000000\u20130x103fffffff"), "the lanes say the range is empty");
        assertTrue(text.contains("linear scale: 100 px = 70.8 MiB GPA"), "1 GiB over the 1446 px plot, not a sliver of a gap");
        assertFalse(text.contains("class=\"band stage2"), "no neighbour stretched into the view");
    }

    @Test
    void aCutBandPrintsThePartInView() throws Exception {
        Path svg = dir.resolve("cut.svg");
        assertEquals(0, run("render", "samples/grace-hopper-fwb.json", "-o", svg.toString(), "--gpa", "0x40000000+2G"));
        var doc = org.jsoup.Jsoup.parse(Files.readString(svg), "", org.jsoup.parser.Parser.xmlParser());
        var band = doc.selectFirst("rect.band.stage2.clipped");
        assertEquals("2147483648", band.attr("data-size"), "the drawn part");
        assertEquals("17179869184", band.attr("data-run-size"), "the whole 16 GiB run");
        assertTrue(doc.select("text.label.stage2").text().contains("2 GiB of 16 GiB"), doc.select("text.label.stage2").text());
        assertEquals("\u25c0 2 accesses", doc.selectFirst("text.offview").text(), "flash and UART lie left of the view");
    }

    @Test
    void aMalformedRangeIsOneSentence() {
        assertEquals(2, run("render", "samples/grace-hopper-fwb.json", "-o", dir.resolve("y.svg").toString(), "--gpa", "0x2000-0x1000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--gpa \"0x2000-0x1000\": END is below START"),
                err.toString(StandardCharsets.UTF_8));
    }
}
