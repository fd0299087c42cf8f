package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Pattern;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.TextMetrics;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The on-screen painter draws what the scene says, as the PNG painter does: every solid band has its
 * colour, a patterned band shows its pattern, labels are drawn, on light and dark themes.
 */
@ExtendWith(ApplicationExtension.class)
class FxPainterTest {

    private static Scene scene(Theme t) {
        return Layout.of(Fixtures.evaluation(false)).scene(1200, 420, View.ALL, t,
                new Layout.Options(false, true, Ref.NONE, List.of()));
    }

    private static BufferedImage canvas(FxRobot robot, Scene sc) {
        BufferedImage[] out = new BufferedImage[1];
        robot.interact(() -> {
            Canvas c = new Canvas(sc.width(), sc.height());
            FxPainter.paint(sc, c.getGraphicsContext2D());
            WritableImage img = c.snapshot(null, null);
            out[0] = SwingFXUtils.fromFXImage(img, null);
        });
        return out[0];
    }

    /** A hand-made scene: a solid band, a hatched band, a dashed outline, a line and a label at known places. */
    private static Scene marks(Theme t) {
        Scene sc = new Scene(400, 200, t.background());
        sc.add(new Scene.Rect(20, 20, 100, 60, 0x0072B2, Pattern.NONE, 0, -1, 0, false, false));
        sc.add(new Scene.Rect(140, 20, 100, 60, 0xE69F00, Pattern.HATCH, 0x000000, -1, 0, false, false));
        sc.add(new Scene.Rect(260, 20, 100, 60, 0, Pattern.NONE, 0, 0xD55E00, 3, false, true));
        sc.add(new Scene.Line(20, 120, 360, 120, 0x009E73, 4, false));
        sc.add(new Scene.Text(20, 180, "GPU usemem", 28, t.foreground(), true, Scene.Anchor.START));
        return sc;
    }

    private static void assertPaintsTheMarks(FxRobot robot, Theme t) {
        BufferedImage fx = canvas(robot, marks(t));
        int bg = t.background() & 0xffffff;
        assertEquals(bg, fx.getRGB(5, 5) & 0xffffff, "background");
        assertEquals(0x0072B2, fx.getRGB(70, 50) & 0xffffff, "solid band");
        boolean fill = false;
        boolean hatch = false;
        for (int x = 145; x < 235; x++) {
            int rgb = fx.getRGB(x, 50) & 0xffffff;
            fill |= rgb == 0xE69F00;
            hatch |= luma(rgb) < luma(0xE69F00) - 40; // a dark hatch line, anti-aliased

        }
        assertTrue(fill && hatch, "the hatched band shows its fill and its hatch lines");
        assertEquals(0xD55E00, fx.getRGB(260, 50) & 0xffffff, "outline");
        assertEquals(bg, fx.getRGB(310, 50) & 0xffffff, "an outline-only band is not filled");
        assertEquals(0x009E73, fx.getRGB(200, 120) & 0xffffff, "line");
        int ink = 0;
        for (int x = 20; x < 180; x++) {
            for (int y = 155; y < 182; y++) {
                ink += (fx.getRGB(x, y) & 0xffffff) == (t.foreground() & 0xffffff) ? 1 : 0;
            }
        }
        assertTrue(ink > 100, "the label is drawn: " + ink + " pixels of ink");
    }

    private static double luma(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }

    /** The whole picture of a scenario matches the PNG painter's but for anti-aliasing at edges and glyphs. */
    private static void assertMatchesThePngPainter(FxRobot robot, Theme t) {
        Scene sc = scene(t);
        BufferedImage fx = canvas(robot, sc);
        BufferedImage png = PngPainter.paint(sc, 1);
        // Glyphs are rasterised by two different font engines: compare everything but the text.
        boolean[][] text = new boolean[png.getHeight()][png.getWidth()];
        for (Scene.Prim p : sc.prims()) {
            if (p instanceof Scene.Text label) {
                double w = label.size() * 0.75 * label.text().length() + 6;
                double x0 = switch (label.anchor()) {
                    case START -> label.x() - 3;
                    case MIDDLE -> label.x() - w / 2;
                    case END -> label.x() - w + 3;
                };
                for (int y = (int) (label.y() - label.size() * 1.2); y < label.y() + label.size() * 0.5; y++) {
                    for (int x = (int) x0; x < x0 + w; x++) {
                        if (y >= 0 && x >= 0 && y < text.length && x < text[0].length) {
                            text[y][x] = true;
                        }
                    }
                }
            }
        }
        int differ = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                if (text[y][x]) {
                    continue;
                }
                int a = fx.getRGB(x, y);
                int b = png.getRGB(x, y);
                int d = Math.max(Math.abs(((a >> 16) & 0xff) - ((b >> 16) & 0xff)),
                        Math.max(Math.abs(((a >> 8) & 0xff) - ((b >> 8) & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
                differ += d > 48 ? 1 : 0;
            }
        }
        double share = differ / (double) (png.getWidth() * png.getHeight());
        assertTrue(share < 0.01, String.format("%.2f%% of pixels differ from the PNG painter's", share * 100));
    }

    /**
     * Layout places labels by the java.awt metrics of {@link TextMetrics}; the window's JavaFX text must
     * never ink outside the box those metrics give, or "no two labels overlap" would hold in the
     * export and fail on screen. Every label of the default sample's window picture, and the
     * presentation sizes, drawn alone in black on white.
     */
    @Test
    void everyLabelInksInsideTheBoxLayoutMeasured(FxRobot robot) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load("grace-hopper-fwb.json"));
        Layout l = Layout.of(ev);
        List<Scene.Text> texts = new java.util.ArrayList<>();
        for (Scene sc : List.of(l.scene(1250, 420, View.ALL, Theme.light(), Layout.Options.WINDOW),
                l.scene(1550, 760, View.ALL, Theme.presentation(false), Layout.Options.WINDOW))) {
            for (Scene.Prim p : sc.prims()) {
                if (p instanceof Scene.Text t) {
                    texts.add(t);
                }
            }
        }
        assertTrue(texts.size() > 40, texts.size() + " labels");
        List<String> spills = new java.util.ArrayList<>();
        for (Scene.Text t : texts) {
            double[] box = TextMetrics.box(t);
            double w = box[2] - box[0];
            // The label alone, moved to a canvas with a margin on each side.
            Scene.Text at = new Scene.Text(t.x() - box[0] + 20, 40, t.text(), t.size(), 0x000000, t.bold(), t.anchor());
            Scene one = new Scene(w + 40, 60, 0xffffff);
            one.add(at);
            BufferedImage img = canvas(robot, one);
            int minX = Integer.MAX_VALUE;
            int maxX = -1;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    if (luma(img.getRGB(x, y) & 0xffffff) < 160) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            // Glyph ink sits inside the advance box, give or take a pixel of anti-aliasing.
            if (maxX < 0 || minX < 20 - 1.5 || maxX > 20 + w + 1.5) {
                spills.add(String.format(java.util.Locale.ROOT, "\"%s\" %.1f px %s: box 20..%.1f, ink %d..%d", t.text(), t.size(),
                        t.bold() ? "bold" : "plain", 20 + w, minX, maxX));
            }
        }
        assertTrue(spills.isEmpty(), spills.size() + " labels ink outside their measured box: " + spills);
    }

    @Test
    void paintsEveryBandInItsColourOnTheLightTheme(FxRobot robot) {
        assertPaintsTheMarks(robot, Theme.light());
        assertMatchesThePngPainter(robot, Theme.light());
    }

    @Test
    void paintsEveryBandInItsColourOnTheDarkTheme(FxRobot robot) {
        assertPaintsTheMarks(robot, Theme.dark());
        assertMatchesThePngPainter(robot, Theme.dark());
        assertTrue(Theme.dark().isDark());
        int bg = scene(Theme.dark()).background();
        double luma = 0.2126 * ((bg >> 16) & 0xff) + 0.7152 * ((bg >> 8) & 0xff) + 0.0722 * (bg & 0xff);
        assertTrue(luma < 60, "a dark background: luma " + luma);
    }
}
