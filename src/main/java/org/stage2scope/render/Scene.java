package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Ref;

/**
 * The picture as a flat list of primitives in pixel coordinates, plus hit regions for tooltips and
 * selection. Painters draw it in order; nothing here knows about JavaFX, Java2D or SVG.
 */
public final class Scene {

    /** Horizontal text alignment relative to the anchor x. */
    public enum Anchor { START, MIDDLE, END }

    public sealed interface Prim permits Rect, Line, Poly, Text {}

    /**
     * @param stroke  outline colour, or -1 for none
     * @param dashed  a dashed outline (refused or ghost items)
     */
    public record Rect(double x, double y, double w, double h, int fill, Pattern pattern, int patternColor, int stroke,
                       double strokeWidth, boolean dashed, boolean noFill) implements Prim {}

    public record Line(double x1, double y1, double x2, double y2, int color, double width, boolean dashed) implements Prim {}

    /** @param alpha fill opacity; 0 draws only the outline */
    public record Poly(double[] xs, double[] ys, int fill, double alpha, Pattern pattern, int patternColor, int stroke,
                       double strokeWidth, boolean dashed) implements Prim {}

    public record Text(double x, double y, String text, double size, int color, boolean bold, Anchor anchor) implements Prim {}

    /**
     * A clickable, hoverable area: the Ref it selects and the tooltip it shows.
     *
     * @param style what the band is drawn as (tests and views read it without knowing colours)
     */
    public record Hit(double x, double y, double w, double h, Ref ref, java.util.function.Supplier<String> tip, Style style,
                      String lane) {
        /** Built on demand: a stress scene has thousands of hits and few are ever hovered. */
        public String tooltip() {
            return tip.get();
        }

        public boolean contains(double px, double py) {
            return px >= x && px < x + Math.max(w, 1) && py >= y && py < y + h;
        }
    }

    private final double width;
    private final double height;
    private final int background;
    private final List<Prim> prims = new ArrayList<>();
    private final List<Hit> hits = new ArrayList<>();

    public Scene(double width, double height, int background) {
        this.width = width;
        this.height = height;
        this.background = background;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public int background() {
        return background;
    }

    public List<Prim> prims() {
        return prims;
    }

    public List<Hit> hits() {
        return hits;
    }

    public Scene add(Prim p) {
        prims.add(p);
        return this;
    }

    public void hit(Hit h) {
        hits.add(h);
    }

    /** The topmost hit at a pixel, or null. */
    public Hit hitAt(double px, double py) {
        for (int i = hits.size() - 1; i >= 0; i--) {
            if (hits.get(i).contains(px, py)) {
                return hits.get(i);
            }
        }
        return null;
    }

    /** Every text the picture shows, in drawing order (tests, accessibility). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Prim p : prims) {
            if (p instanceof Text t) {
                out.add(t.text());
            }
        }
        return out;
    }
}
