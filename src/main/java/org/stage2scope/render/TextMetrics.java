package org.stage2scope.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text as the PNG painter draws it: java.awt's logical SansSerif font at the rounded point size,
 * measured by the same kind of Graphics2D the painter draws into. Layout measures every label with
 * these metrics, so "fits" and "does not overlap" mean what the exported picture shows (SVG names
 * the same family first; the window draws with the same logical family).
 */
public final class TextMetrics {
    private TextMetrics() {}

    /** The logical family every painter draws text with. */
    public static final String FAMILY = Font.SANS_SERIF;

    private static final Map<Integer, FontMetrics> METRICS = new ConcurrentHashMap<>();
    private static final Graphics2D PROBE = probe();

    private static Graphics2D probe() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        hints(g);
        return g;
    }

    /** The rendering hints the PNG painter draws with (text metrics depend on them). */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    /**
     * The whole point size a text of {@code size} is drawn at by every painter. java.awt fonts come in
     * whole points, so the metrics below are those of the rounded size; the window and SVG draw at the
     * same size, or a 10.4 px label would be measured at 10 px and drawn 4% wider than its place.
     */
    public static int drawnSize(double size) {
        return (int) Math.round(size);
    }

    /** The font a text of this size and weight is drawn with. */
    public static Font font(double size, boolean bold) {
        return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, drawnSize(size));
    }

    private static FontMetrics metrics(double size, boolean bold) {
        int key = drawnSize(size) * 2 + (bold ? 1 : 0);
        return METRICS.computeIfAbsent(key, k -> {
            synchronized (PROBE) {
                return PROBE.getFontMetrics(font(size, bold));
            }
        });
    }

    /** Advance width in pixels of {@code text} drawn at {@code size}. */
    public static double width(String text, double size, boolean bold) {
        return metrics(size, bold).stringWidth(text);
    }

    /** Height above the baseline that glyphs reach. */
    public static double ascent(double size, boolean bold) {
        return metrics(size, bold).getAscent();
    }

    /** Depth below the baseline that glyphs reach. */
    public static double descent(double size, boolean bold) {
        return metrics(size, bold).getDescent();
    }

    /** The box a Scene.Text covers: {x0, y0, x1, y1}. */
    public static double[] box(Scene.Text t) {
        double w = width(t.text(), t.size(), t.bold());
        double x0 = switch (t.anchor()) {
            case START -> t.x();
            case MIDDLE -> t.x() - w / 2;
            case END -> t.x() - w;
        };
        return new double[] {x0, t.y() - ascent(t.size(), t.bold()), x0 + w, t.y() + descent(t.size(), t.bold())};
    }
}
