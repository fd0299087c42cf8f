package org.stage2scope.render;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Vma;

/**
 * The legend: one swatch per band style the picture uses (in the architecture's own words), the
 * access marker shapes, and the marks that are not bands (gap break, block ticks, widened marker,
 * dimmed VMA, change outline), wrapped into rows that fit the width.
 *
 * <p>The evaluation gives the candidates; the drawn scene decides which of them appear ({@link
 * #present}): a legend that names a widened marker, a dimmed VMA or a Device swatch the slide does not
 * show makes a reviewer look for it. So a zoomed view lists only what is in that view, and an empty
 * scenario lists nothing.
 */
final class Legend {

    enum Kind { STYLE, MARKER_OK, MARKER_EXIT, MARKER_FAIL, GAP, TICKS, WIDENED, DIMMED, WARNING, CHANGED }

    record Entry(Kind kind, Style style, String label) {}

    private final List<Entry> entries;

    Legend(Evaluation ev, List<MemslotResult> shownCalls) {
        entries = entries(ev, shownCalls);
    }

    List<Entry> entries() {
        return entries;
    }

    private static List<Entry> entries(Evaluation ev, List<MemslotResult> shownCalls) {
        Set<Style> used = EnumSet.noneOf(Style.class);
        for (Vma v : ev.scenario().vmas()) {
            used.add(Styles.vma(v));
        }
        for (MemslotResult m : shownCalls) {
            used.add(m.ok() ? Style.SLOT_OK : Style.SLOT_REFUSED);
        }
        for (Stage2Run s : ev.stage2()) {
            used.add(Styles.run(s));
        }
        for (EffectiveRun e : ev.effective()) {
            used.add(Styles.memClass(e.memClass()));
        }
        Arch arch = ev.scenario().host().arch();
        List<Entry> out = new ArrayList<>();
        for (Style s : Style.values()) {
            if (used.contains(s) && s != Style.MIXED && !s.name().startsWith("ACCESS")) {
                out.add(new Entry(Kind.STYLE, s, label(s, arch)));
            }
        }
        Set<Kind> markers = EnumSet.noneOf(Kind.class);
        for (AccessResult a : ev.accesses()) {
            markers.add(a.outcome() == AccessOutcome.MAPPED ? Kind.MARKER_OK
                    : a.outcome() == AccessOutcome.MMIO_EXIT ? Kind.MARKER_EXIT : Kind.MARKER_FAIL);
        }
        if (markers.contains(Kind.MARKER_OK)) {
            out.add(new Entry(Kind.MARKER_OK, Style.ACCESS_OK, "access mapped"));
        }
        if (markers.contains(Kind.MARKER_EXIT)) {
            out.add(new Entry(Kind.MARKER_EXIT, Style.ACCESS_EXIT, "access exits to the VMM (MMIO)"));
        }
        if (markers.contains(Kind.MARKER_FAIL)) {
            out.add(new Entry(Kind.MARKER_FAIL, Style.ACCESS_FAIL, "access fails (EFAULT, SIGBUS, abort, ENOEXEC)"));
        }
        out.add(new Entry(Kind.GAP, null, "empty gap, collapsed"));
        out.add(new Entry(Kind.TICKS, null, "stage-2 block boundaries"));
        out.add(new Entry(Kind.WARNING, null, "warning or error about this range (see findings)"));
        out.add(new Entry(Kind.WIDENED, null, "drawn wider than to scale"));
        out.add(new Entry(Kind.DIMMED, null, "VMA backing no slot in view"));
        return List.copyOf(out);
    }

    /** The legend's words for a style: x86 names its memory types WB/WT/WP/WC/UC-/UC, not arm64's. */
    static String label(Style s, Arch arch) {
        if (!arch.isX86()) {
            return s.label();
        }
        return switch (s) {
            case WRITE_BACK -> "WB (write-back)";
            case WRITE_THROUGH -> "WT / WP (write-through, write-protect)";
            case NON_CACHEABLE -> "WC (write-combining)";
            case DEVICE -> "UC / UC- (uncacheable)";
            default -> s.label();
        };
    }

    private static double itemWidth(Entry e, double font) {
        return font * 1.6 + 6 + TextFit.width(e.label(), font * 0.85) + font * 1.5;
    }

    /**
     * Legend lines needed at this width, with room for the change entry when {@code changed}: every
     * candidate counted, so it is the most any view of this evaluation draws (the window reserves it).
     */
    int rows(Theme t, double width, boolean changed) {
        return rowsOf(shown(entries, changed), t, width);
    }

    /** Legend lines {@code drawn} (a scene without its legend yet) needs: what {@link #draw} will draw. */
    int rows(Scene drawn, Theme t, double width, boolean changed) {
        return rowsOf(shown(present(drawn), changed), t, width);
    }

    private static int rowsOf(List<Entry> shown, Theme t, double width) {
        Layout.Rows r = Layout.rows(t, width, false);
        List<double[]> at = wrap(shown, r.left(), width - r.right(), r.font());
        return at.isEmpty() ? 0 : (int) at.get(at.size() - 1)[1] + 1;
    }

    private static List<Entry> shown(List<Entry> entries, boolean changed) {
        List<Entry> shown = new ArrayList<>(entries);
        if (changed) {
            shown.add(new Entry(Kind.CHANGED, null, "changed by the last edit"));
        }
        return shown;
    }

    /**
     * The candidates whose mark {@code sc} holds. Read back from what the painters recorded: band
     * styles from the hit areas of the lanes (a dimmed VMA is drawn as a pale outline, not in its
     * style), the rest from the elements' classes.
     */
    List<Entry> present(Scene sc) {
        Set<String> dimmed = new HashSet<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (int i = 0; i < sc.prims().size(); i++) {
            String cls = sc.meta(i).cls();
            if (sc.prims().get(i) instanceof Scene.Text text && text.text().contains(FindingTags.WARNING_SIGN)) {
                kinds.add(Kind.WARNING);
            }
            if (cls == null) {
                continue;
            }
            if (cls.endsWith(" unrelated")) {
                dimmed.add(sc.meta(i).ref());
                kinds.add(Kind.DIMMED);
            } else if (cls.endsWith(" widened")) {
                kinds.add(Kind.WIDENED);
            } else if (cls.startsWith("gap ")) {
                kinds.add(Kind.GAP);
            } else if (cls.equals("block-tick")) {
                kinds.add(Kind.TICKS);
            } else if (cls.equals("marker access")) {
                String o = sc.meta(i).outcome();
                kinds.add(AccessOutcome.MAPPED.name().equals(o) ? Kind.MARKER_OK
                        : AccessOutcome.MMIO_EXIT.name().equals(o) ? Kind.MARKER_EXIT : Kind.MARKER_FAIL);
            }
        }
        Set<Style> styles = EnumSet.noneOf(Style.class);
        for (Scene.Hit h : sc.hits()) {
            boolean dimmedVma = Layout.LANE_VMA.equals(h.lane()) && dimmed.contains(Scene.Meta.id(h.ref()));
            if (h.style() != null && !dimmedVma) {
                styles.add(h.style());
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind() == Kind.STYLE ? styles.contains(e.style()) : kinds.contains(e.kind())) {
                out.add(e);
            }
        }
        return out;
    }

    /** {x, row} of each entry, wrapped between {@code left} and {@code right}: one rule for counting and drawing. */
    private static List<double[]> wrap(List<Entry> shown, double left, double right, double font) {
        List<double[]> out = new ArrayList<>();
        double x = left;
        int row = 0;
        for (Entry e : shown) {
            double w = itemWidth(e, font);
            if (x + w > right && x > left) {
                x = left;
                row++;
            }
            out.add(new double[] {x, row});
            x += w;
        }
        return out;
    }

    void draw(Frame f, double y, boolean changed) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        Scene sc = f.scene();
        double fs = r.font() * 0.85;
        double sw = r.font() * 1.6;
        double rowH = r.font() * 1.9;
        sc.add(new Scene.Text(8, y + rowH * 0.6, "Legend", r.font(), t.foreground(), true, Scene.Anchor.START));
        List<Entry> shown = shown(present(sc), changed);
        if (shown.isEmpty()) {
            return; // nothing on the slide needs a key (an empty scenario)
        }
        List<double[]> at = wrap(shown, f.left(), f.right(), r.font());
        for (int i = 0; i < shown.size(); i++) {
            Entry e = shown.get(i);
            double x = at.get(i)[0];
            double ry = y + at.get(i)[1] * rowH;
            swatch(f, e, x, ry + 4, sw, rowH - 10);
            String text = e.label();
            double avail = f.right() - x - sw - 6;
            if (TextFit.width(text, fs) > avail) { // an entry wider than a whole row (a narrow presentation window)
                text = TextFit.ellipsize(text, fs, avail);
            }
            if (text != null) {
                sc.add(new Scene.Text(x + sw + 6, ry + rowH * 0.6, text, fs, t.foreground(), false, Scene.Anchor.START),
                        Scene.Meta.of("label legend"));
            }
        }
    }

    private static void swatch(Frame f, Entry e, double x, double y, double w, double h) {
        Theme t = f.theme();
        Scene sc = f.scene();
        Scene.Meta meta = Scene.Meta.of("swatch " + e.kind().name().toLowerCase(java.util.Locale.ROOT));
        switch (e.kind()) {
            case STYLE -> {
                if (e.style() == Style.SLOT_OK || e.style() == Style.SLOT_REFUSED) { // a connector's trapezoid
                    sc.add(Connectors.shape(t, e.style() == Style.SLOT_OK, new double[] {x, x + w, x + w * 0.75, x + w * 0.25},
                            new double[] {y, y, y + h, y + h}), meta);
                    return;
                }
                int fill = t.fill(e.style());
                sc.add(new Scene.Rect(x, y, w, h, fill, t.pattern(e.style()), Theme.patternOn(fill), t.muted(), 1,
                        e.style() == Style.SLOT_REFUSED, false), meta);
            }
            case MARKER_OK, MARKER_EXIT, MARKER_FAIL -> {
                AccessOutcome o = e.kind() == Kind.MARKER_OK ? AccessOutcome.MAPPED
                        : e.kind() == Kind.MARKER_EXIT ? AccessOutcome.MMIO_EXIT : AccessOutcome.EFAULT;
                double tri = h / 1.4 * 0.95;
                sc.add(AccessMarks.marker(o, x + w / 2, y, tri, t.fill(e.style()), t.foreground()), meta);
            }
            case GAP -> {
                for (int i = 0; i < 4; i++) {
                    sc.add(new Scene.Line(x + w / 2 + (i % 2 == 0 ? -3 : 3), y + h * i / 4, x + w / 2 + (i % 2 == 0 ? 3 : -3),
                            y + h * (i + 1) / 4, t.muted(), 1.2, false), meta);
                }
            }
            case TICKS -> {
                int fill = t.fill(Style.WRITE_BACK);
                sc.add(f.rect(x, y, w, h, fill), meta);
                for (int i = 1; i < 3; i++) {
                    sc.add(new Scene.Line(x + w * i / 3, y + h - 7, x + w * i / 3, y + h, Theme.patternOn(fill), 1, false));
                }
            }
            // As BandLane draws one: the band's own fill under a dashed outline (a hatched orange swatch read
            // as the refused-call ghost).
            case WIDENED -> sc.add(new Scene.Rect(x + w / 2 - BandLane.MIN_WIDTH / 2, y, BandLane.MIN_WIDTH, h,
                    t.fill(Style.WRITE_BACK), Pattern.NONE, 0, t.foreground(), 1.5, true, false), meta);
            case DIMMED -> sc.add(new Scene.Rect(x, y, w, h, t.laneBackground(), Pattern.NONE, 0, t.grid(), 1, true, false),
                    meta);
            case WARNING -> {
                double fs = h * 0.9;
                sc.add(new Scene.Text(x + w / 2, y + h * 0.85, "\u26a0", fs, t.foreground(), false, Scene.Anchor.MIDDLE), meta);
            }
            case CHANGED -> sc.add(new Scene.Rect(x, y, w, h, 0, Pattern.NONE, 0, t.highlight(), 4, false, true), meta);
        }
    }
}
