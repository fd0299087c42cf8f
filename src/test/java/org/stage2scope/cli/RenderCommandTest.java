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
}
