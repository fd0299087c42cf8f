package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class PainterTest {

    static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                c.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return c.size();
    }

    @Test
    void pngAtTwoTimesHasDoubleSizeAndTheBandColours(@TempDir Path dir) throws Exception {
        Scene s = Picture.of(Fixtures.evaluation(false));
        Path f = dir.resolve("x.png");
        PngPainter.write(s, 2, f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals((int) Math.ceil(s.width() * 2), img.getWidth());
        assertEquals((int) Math.ceil(s.height() * 2), img.getHeight());
        assertTrue(distinctColours(img) > 20);
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(seen.contains(Theme.OI_BLUE), "Normal-WB band colour present");
        assertTrue(seen.contains(Theme.OI_ORANGE), "Device band colour present");
    }

    @Test
    void svgIsWellFormedAndKeepsTextAsText() throws Exception {
        String svg = SvgPainter.paint(Picture.of(Fixtures.evaluation(true)));
        var dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        NodeList texts = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        Set<String> content = new HashSet<>();
        for (int i = 0; i < texts.getLength(); i++) {
            content.add(texts.item(i).getTextContent());
        }
        assertTrue(content.contains("grace-hopper-fwb"));
        assertTrue(content.contains("slot 1 (gpu): EINVAL"));
        assertTrue(svg.contains("<pattern id=\"p-hatch-"), "refused call hatched");
    }

    @Test
    void svgEscapesMarkupInNames() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", SvgPainter.escape("a <b> & \"c\""));
    }

    @Test
    void patternsDistinguishStatesWithoutColour() {
        Theme t = Theme.light();
        assertEquals(Pattern.HATCH, t.pattern(Style.EFAULT));
        assertEquals(Pattern.STRIPES, t.pattern(Style.DEVICE));
        assertEquals(Pattern.DOTS, t.pattern(Style.NON_CACHEABLE));
        assertEquals(Pattern.CROSS, t.pattern(Style.SIGBUS));
        assertEquals(Pattern.NONE, t.pattern(Style.WRITE_BACK));
        assertTrue(PatternGeometry.segments(Pattern.HATCH, 0, 0, 40, 20).size() >= 5);
    }

    @Test
    void pngPainterNeedsNoDisplay(@TempDir Path dir) throws Exception {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
        Path f = dir.resolve("y.png");
        PngPainter.write(Picture.of(Fixtures.stress(2000)), 1, f);
        assertTrue(Files.size(f) > 1000);
    }
}
