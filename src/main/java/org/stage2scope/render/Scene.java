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
     * What a drawn element means, for semantic SVG and for tests that check the picture without
     * pixels. Absent parts are null.
     *
     * @param cls     space-separated classes, the first naming the kind ("band vma", "label access")
     * @param ref     what it stands for ("vma:2", "call:0", "gpa:0x40000000+0x1000", "access:3")
     * @param start   first address it covers, hex
     * @param size    bytes it covers, decimal (unsigned)
     * @param outcome what the engine concluded there ("Normal-WB", "EFAULT", "MMIO_EXIT", "refused")
     * @param runStart first address of the whole range when the element draws only part of it (a band
     *                 clipped by the view), else null; {@code start} and {@code size} are the drawn part
     * @param runSize  bytes of that whole range, decimal, or null
     */
    public record Meta(String cls, String ref, String start, String size, String outcome, String runStart, String runSize) {
        public static final Meta NONE = new Meta(null, null, null, null, null);

        public Meta(String cls, String ref, String start, String size, String outcome) {
            this(cls, ref, start, size, outcome, null, null);
        }

        public static Meta of(String cls) {
            return new Meta(cls, null, null, null, null);
        }

        public static Meta of(String cls, Ref ref) {
            return new Meta(cls, id(ref), null, null, null);
        }

        public static Meta range(String cls, Ref ref, long start, long size, String outcome) {
            return new Meta(cls, id(ref), org.stage2scope.model.U64.hex(start), Long.toUnsignedString(size), outcome);
        }

        /** Part [start, start + size) of the range [runStart, runStart + runSize) that {@code ref} stands for. */
        public static Meta part(String cls, Ref ref, long start, long size, long runStart, long runSize, String outcome) {
            return new Meta(cls, id(ref), org.stage2scope.model.U64.hex(start), Long.toUnsignedString(size), outcome,
                    org.stage2scope.model.U64.hex(runStart), Long.toUnsignedString(runSize));
        }

        /** A stable text form of a Ref. */
        public static String id(Ref ref) {
            if (ref instanceof Ref.Vma v) {
                return "vma:" + v.index();
            }
            if (ref instanceof Ref.MemslotCall m) {
                return "call:" + m.index();
            }
            if (ref instanceof Ref.GpaRange g) {
                return "gpa:" + org.stage2scope.model.U64.hex(g.gpa()) + "+" + org.stage2scope.model.U64.hex(g.size());
            }
            if (ref instanceof Ref.Access a) {
                return "access:" + a.index();
            }
            return null;
        }
    }

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
    // Two layers: shapes, then every text with its plate. Outlines drawn after the lanes (the change and
    // selection highlights) and gap zig-zags then pass under words instead of striking through them
    // ("NC" read "IC" under the usemem outline after an FWB toggle). Painters see one list, shapes first.
    private final List<Prim> shapes = new ArrayList<>();
    private final List<Meta> shapeMetas = new ArrayList<>();
    private final List<Prim> words = new ArrayList<>();
    private final List<Meta> wordMetas = new ArrayList<>();
    private List<Prim> prims;
    private final List<Hit> hits = new ArrayList<>();

    public Scene(double width, double height, int background) {
        this.width = width;
        this.height = height;
        this.background = background;
    }

    /** The same picture on a canvas of another height (an export cut under its last legend row). */
    Scene withHeight(double h) {
        Scene s = new Scene(width, h, background);
        s.shapes.addAll(shapes);
        s.shapeMetas.addAll(shapeMetas);
        s.words.addAll(words);
        s.wordMetas.addAll(wordMetas);
        s.hits.addAll(hits);
        return s;
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

    /** Every primitive in painting order: the shapes in the order added, then the texts and their plates. */
    public List<Prim> prims() {
        if (prims == null) {
            List<Prim> all = new ArrayList<>(shapes.size() + words.size());
            all.addAll(shapes);
            all.addAll(words);
            prims = java.util.Collections.unmodifiableList(all);
        }
        return prims;
    }

    public List<Hit> hits() {
        return hits;
    }

    public Scene add(Prim p) {
        return add(p, Meta.NONE);
    }

    /** Adds a primitive that stands for something (a band, a label, a marker). */
    public Scene add(Prim p, Meta meta) {
        boolean word = p instanceof Text || meta.cls() != null && meta.cls().startsWith("plate");
        (word ? words : shapes).add(p);
        (word ? wordMetas : shapeMetas).add(meta);
        prims = null;
        return this;
    }

    /** What the i-th primitive of {@link #prims()} means ({@link Meta#NONE} for decoration). */
    public Meta meta(int i) {
        return i < shapeMetas.size() ? shapeMetas.get(i) : wordMetas.get(i - shapeMetas.size());
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
        for (Prim p : prims()) {
            if (p instanceof Text t) {
                out.add(t.text());
            }
        }
        return out;
    }
}
