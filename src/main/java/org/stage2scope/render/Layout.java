package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Pure geometry: turns an Evaluation into a Scene for a given size, GPA view and theme. Builds the
 * HVA and GPA axes once per evaluation (one linear scale each, empty gaps collapsed); {@link #scene}
 * is cheap and only emits what is visible. The HVA lane follows the GPA view (see {@link Coupling}).
 * The drawing itself is done by one small painter per part of the picture (lanes, connectors,
 * accesses, axis marks, legend, caption, highlights), in the order this class calls them.
 */
public final class Layout {

    public static final String LANE_VMA = "vma";
    public static final String LANE_SLOT = "memslot";
    public static final String LANE_S2 = "stage2";
    public static final String LANE_EFF = "effective";
    public static final String LANE_ACCESS = "access";

    /**
     * What to draw besides the lanes.
     *
     * @param changed what the last edit changed, lane by lane (each outlined on its lane)
     * @param origin  the scenario as loaded from its file or sample, so the caption can say what was
     *                modified; null when unknown or unmodified
     */
    public record Options(boolean caption, boolean legend, Ref selected, List<Change> changed, Scenario origin) {
        public static final Options WINDOW = new Options(false, true, Ref.NONE, List.of());
        public static final Options EXPORT = new Options(true, true, Ref.NONE, List.of());

        public Options {
            selected = selected == null ? Ref.NONE : selected;
            changed = changed == null ? List.of() : List.copyOf(changed);
        }

        public Options(boolean caption, boolean legend, Ref selected, List<Change> changed) {
            this(caption, legend, selected, changed, null);
        }
    }

    /** Vertical positions of every row, derived from the theme's sizes. */
    public record Rows(double captionY, double hvaAxisY, double vmaY, double slotY, double s2Y, double effY,
                       double accessY, double gpaAxisY, double legendY, double lane, double slotH, double accessH,
                       double font, double left, double right) {}

    /**
     * The default view of an empty address space: the first 4 GiB, so a scenario without memslots (File >
     * New from this host) draws lanes, a scale and round addresses instead of a one-byte axis.
     */
    static final long EMPTY_SPAN = 4L << 30;

    private final Evaluation ev;
    /** GPA ranges put on the axis because a view was asked for them (a range inside a gap). */
    private final List<Axis.Span> pins;
    private final Axis hva;
    private final Axis gpa;
    private final Connectors connectors;
    private final Bands bands;
    private final Legend legend;
    private final Marks marks;

    private Layout(Evaluation ev, List<Axis.Span> pins) {
        this.ev = ev;
        this.pins = List.copyOf(pins);
        Scenario sc = ev.scenario();
        List<Axis.Span> h = new ArrayList<>();
        for (Vma v : sc.vmas()) {
            h.add(new Axis.Span(v.start(), v.size()));
        }
        List<Axis.Span> g = new ArrayList<>(this.pins);
        connectors = new Connectors(ev.memslotCalls());
        for (MemslotResult r : connectors.shown()) {
            MemslotCall c = r.call();
            h.add(new Axis.Span(c.hva(), c.size()));
            g.add(new Axis.Span(c.gpa(), c.size()));
        }
        for (Stage2Run r : ev.stage2()) {
            g.add(new Axis.Span(r.gpa(), r.size()));
        }
        long page = sc.host().pageSize().pageSize();
        for (AccessResult a : ev.accesses()) {
            g.add(new Axis.Span(U64.alignDown(a.access().gpa(), page), page));
        }
        hva = orEmptyDefault(Axis.of(h));
        gpa = orEmptyDefault(Axis.of(g));
        bands = new Bands(ev, hva, gpa);
        legend = new Legend(ev, connectors.shown());
        marks = new Marks(ev, connectors.shown());
    }

    private static Axis orEmptyDefault(Axis a) {
        return a.isEmpty() ? Axis.of(List.of(new Axis.Span(0, EMPTY_SPAN))) : a;
    }

    public static Layout of(Evaluation ev) {
        return new Layout(ev, List.of());
    }

    /**
     * The layout of a new evaluation that keeps this one's pinned ranges, so an edit does not throw the
     * window out of a range it was zoomed to inside a gap.
     */
    public Layout next(Evaluation next) {
        return new Layout(next, pins);
    }

    /** This evaluation's layout without pinned ranges (Fit all). */
    public Layout unpinned() {
        return pins.isEmpty() ? this : of(ev);
    }

    public Evaluation evaluation() {
        return ev;
    }

    public Axis hvaAxis() {
        return hva;
    }

    public Axis gpaAxis() {
        return gpa;
    }

    public static Rows rows(Theme t, double width, boolean caption) {
        double f = t.fontSize();
        double lane = t.laneHeight();
        double y = 8;
        double captionY = y;
        if (caption) {
            y += f * 4.6;
        }
        double hvaAxisY = y;
        y += f * 1.8;
        double vmaY = y;
        y += lane;
        double slotY = y;
        double slotH = lane * 1.6;
        y += slotH;
        double s2Y = y;
        y += lane + 6;
        double effY = y;
        y += lane + 6;
        double accessY = y;
        // Markers, then rows of labels placed by severity.
        double accessH = Math.min(lane * 0.4, f * 0.75) * 1.4 + 8 + AccessMarks.LABEL_ROWS * f * 0.8 * 1.3;
        y += accessH;
        double gpaAxisY = y + 4;
        y += f * 3.2;
        return new Rows(captionY, hvaAxisY, vmaY, slotY, s2Y, effY, accessY, gpaAxisY, y, lane, slotH, accessH, f,
                Math.round(f * 10.5), 16);
    }

    /** Height that fits every row and a legend of {@code legendRows} lines. */
    public static double preferredHeight(Theme t, boolean caption, int legendRows) {
        return rows(t, 0, caption).legendY() + legendRows * t.fontSize() * 1.9 + 12;
    }

    /** Legend lines needed at this width (exports: no change entry). */
    public int legendRows(Theme t, double width) {
        return legend.rows(t, width, false);
    }

    /**
     * Legend lines the picture {@code drawn} (a scene of this layout at {@code width}) shows: only the
     * entries for marks it holds, so an export can be cut to them.
     */
    public int legendRows(Scene drawn, Theme t, double width) {
        return legend.rows(drawn, t, width, false);
    }

    /** Legend lines needed at this width, counting the change entry the window shows after an edit. */
    public int legendRows(Theme t, double width, boolean changed) {
        return legend.rows(t, width, changed);
    }

    /**
     * The picture of {@code gpaView}: the stage-2, effective and access lanes show that part of the
     * GPA axis; the VMA lane shows the host ranges that back the memslots in it.
     */
    public Scene scene(double width, double height, View gpaView, Theme t, Options o) {
        Scene sc = new Scene(width, height, t.background());
        Rows r = rows(t, width, o.caption());
        double plotR = width - r.right();
        Coupling coupling = Coupling.of(gpaView, gpa, hva, connectors.shown());
        Frame f = new Frame(sc, t, r, Plot.of(gpaView, r.left(), plotR, gpa), Plot.of(coupling.hvaView(), r.left(), plotR, hva));
        if (o.caption()) {
            Caption.draw(f, Caption.lines(ev, o.origin()));
        }
        LaneChrome.backgrounds(f);
        AxisMarks hvaMarks = new AxisMarks(f, hva, f.hva(), "hva");
        AxisMarks gpaMarks = new AxisMarks(f, gpa, f.gpa(), "gpa");
        Occupied gapRow = new Occupied();
        scale(f, hvaMarks, gpaMarks, breakInView(gpa, f.gpa()) || breakInView(hva, f.hva()), r.gpaAxisY() + r.font() * 2.4,
                gapRow);
        hvaMarks.breaks(r.vmaY(), r.vmaY() + r.lane(), -1, new Occupied());
        gpaMarks.breaks(r.s2Y(), r.accessY() + r.accessH(), r.gpaAxisY() + r.font() * 2.4, gapRow);
        BandLane.draw(f, f.hva(), bands.vmas(), new BandLane.Spec(LANE_VMA, r.vmaY(), r.lane(),
                b -> !coupling.backsVisibleSlot(b.start(), b.size()), marks::matters, hva));
        Map<Ref, Connectors.Outline> outlines = Connectors.draw(f, coupling, hva, gpa);
        BandLane.draw(f, f.gpa(), bands.stage2(), new BandLane.Spec(LANE_S2, r.s2Y(), r.lane(), b -> false, marks::matters, gpa));
        BandLane.draw(f, f.gpa(), bands.effective(), new BandLane.Spec(LANE_EFF, r.effY(), r.lane(), b -> false,
                marks::matters, gpa));
        Unmapped.draw(f, bands.unmapped(), LANE_S2, r.s2Y(), LANE_EFF, r.effY(), r.lane());
        Unmapped.empty(f, gpa, coupling, bands.stage2(), bands.unmapped(), connectors.shown().isEmpty(),
                ev.scenario().vmas().isEmpty(), LANE_S2, r.s2Y(), LANE_EFF, r.effY(), r.lane());
        AccessMarks.draw(f, ev, gpa);
        hvaMarks.ticks(r.hvaAxisY() + r.font() * 1.2, true);
        gpaMarks.ticks(r.gpaAxisY() + r.font() * 1.1, false);
        Highlights.changed(f, gpa, o.changed(), outlines);
        Highlights.partners(f, Partners.of(ev, o.selected()), outlines);
        Highlights.selection(f, o.selected(), outlines);
        LaneChrome.titles(f);
        if (o.legend()) {
            legend.draw(f, r.legendY(), !o.changed().isEmpty());
        }
        return sc;
    }

    /**
     * The GPA unit position drawn at pixel {@code px} of a window scene of this width: what the pointer is
     * over, for zooming around it and dragging (gaps in view are narrower than a linear map would say).
     */
    public double gpaUnitAt(View view, double width, Theme t, double px) {
        Rows r = rows(t, width, false);
        return Plot.of(view, r.left(), width - r.right(), gpa).u(px);
    }

    /** Whether the view shows a pixel of a collapsed gap (the scale line says "gaps collapsed" only then). */
    private static boolean breakInView(Axis a, Plot p) {
        for (Axis.Break b : a.breaks()) {
            if (p.shown(b.u0(), b.u1()) >= 1) { // AxisMarks.breaks draws a zig-zag exactly then
                return true;
            }
        }
        return false;
    }

    /** The picture states its scale: one linear scale per axis, gaps collapsed. Right-aligned under the GPA axis. */
    private static void scale(Frame f, AxisMarks hva, AxisMarks gpa, boolean gaps, double y, Occupied row) {
        double px = 100;
        String text = "linear scale: " + (int) px + " px = " + human(gpa.bytesPerPixel() * px) + " GPA, "
                + human(hva.bytesPerPixel() * px) + " HVA" + (gaps ? "; gaps collapsed" : "");
        double fs = f.font() * 0.72;
        double tw = TextFit.width(text, fs);
        f.scene().add(new Scene.Text(f.right(), y, text, fs, f.theme().muted(), false, Scene.Anchor.END),
                Scene.Meta.of("label scale"));
        row.take(f.right() - tw - 12, f.right());
    }

    /** Bytes as "1.5 GiB", "512 B", "0.25 B" (deep zoom). */
    static String human(double bytes) {
        if (bytes < 1) {
            return String.format(Locale.ROOT, "%.2g B", bytes);
        }
        return U64.human(Math.round(bytes) == 0 ? 1 : Math.round(Math.min(bytes, 0x1p62)));
    }

    /**
     * A view and the layout whose axes it is in: this layout, or one whose GPA axis also holds the range
     * that was asked for, when that range had no place on this one (it lies in a collapsed gap).
     */
    public record Framed(Layout layout, View view) {}

    /**
     * The view showing exactly GPA [first, last] ("render --gpa", and every "zoom to" of the window,
     * through {@link #frame(Ref)}). A collapsed gap has no linear place on the axis, so a range that
     * lies in one, wholly or at an end, is pinned onto the axis of a new layout: the view then spans the
     * asked addresses at the axis's one scale, its ticks name them, and the lanes say nothing is mapped
     * there, instead of a sliver of a break stretched over the plot. Gaps inside the range stay collapsed.
     */
    public Framed frame(long first, long last) {
        if (U64.lt(last, first)) {
            throw new IllegalArgumentException("last " + U64.hex(last) + " is below first " + U64.hex(first));
        }
        List<Axis.Span> add = pinsFor(first, last);
        Layout l = add.isEmpty() ? this : new Layout(ev, concat(pins, add));
        return new Framed(l, new View(l.gpa.toUnit(first), l.gpa.endUnit(last, 1)));
    }

    /** The view that frames a Ref, with a margin (for a VMA: the GPA it backs through memslots); fit when it has none. */
    public Framed frame(Ref ref) {
        long[] r = Framing.gpaRange(ref, ev.scenario(), connectors.shown());
        if (r == null) {
            return new Framed(this, View.ALL);
        }
        Framed exact = frame(r[0], r[1]);
        View v = exact.view();
        if (ref instanceof Ref.Access) {
            return new Framed(exact.layout(), new View(v.u0() - Framing.POINT, v.u0() + Framing.POINT));
        }
        return new Framed(exact.layout(), View.around(v.u0(), v.u1()));
    }

    /**
     * Spans to pin so that [first, last] has a linear place: the whole range when no segment holds any of
     * it; else each end that runs into a gap, up to the segment it reaches. An end gap more than
     * {@link #END_GAP_LIMIT} times what the axis holds of the range is pinned only at its outer edge (an
     * eighth of that), the rest collapsing into a labelled break: "--gpa 0-0xffffffffffffffff" draws the
     * scenario and an empty stretch ending at 2^64, not slivers on a linear 16 EiB.
     */
    private List<Axis.Span> pinsFor(long first, long last) {
        Axis.Segment lo = null;
        Axis.Segment hi = null;
        for (Axis.Segment s : gpa.segments()) {
            if (U64.le(s.first(), last) && U64.le(first, s.last())) {
                lo = lo == null ? s : lo;
                hi = s;
            }
        }
        List<Axis.Span> out = new ArrayList<>();
        if (lo == null) {
            out.add(span(first, last));
            return out;
        }
        double held = gpa.bytesIn(first, last);
        // A power of two, so the pinned stretch starts or ends on a round address its tick can name.
        long limit = Long.highestOneBit((long) Math.min(0x1p62, Math.max(0x1000, held / 8)));
        if (U64.lt(first, lo.first())) {
            long gapLast = lo.first() - 1;
            out.add(Axis.ud(gapLast - first) + 1 <= END_GAP_LIMIT * held ? span(first, gapLast)
                    : span(first, first + limit - 1));
        }
        if (U64.lt(hi.last(), last)) {
            long gapFirst = hi.last() + 1;
            out.add(Axis.ud(last - gapFirst) + 1 <= END_GAP_LIMIT * held ? span(gapFirst, last)
                    : span(last - limit + 1, last));
        }
        return out;
    }

    /** How many times the bytes the axis holds of a range an empty end of it may be and still be drawn to scale. */
    static final double END_GAP_LIMIT = 16;

    /** [first, last] as a span; the whole 2^64 space is one byte short (a span's size is a long). */
    private static Axis.Span span(long first, long last) {
        long size = last - first + 1;
        return new Axis.Span(first, size == 0 ? -1L : size);
    }

    private static List<Axis.Span> concat(List<Axis.Span> a, List<Axis.Span> b) {
        List<Axis.Span> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The view showing what backs host range [start, last] through the memslots ("render --hva"): the GPA
     * hull of the accepted slot parts over it, framed like a GPA range; null when no accepted memslot maps
     * any of it.
     */
    public Framed frameHva(long start, long last) {
        long g0 = 0;
        long g1 = 0;
        boolean any = false;
        for (MemslotResult m : connectors.shown()) {
            MemslotCall c = m.call();
            long cl = U64.last(c.hva(), c.size());
            if (!m.ok() || U64.lt(cl, start) || U64.lt(last, c.hva())) {
                continue;
            }
            long from = U64.max(c.hva(), start);
            long to = U64.lt(cl, last) ? cl : last;
            long g = c.gpa() + (from - c.hva());
            long gl = g + (to - from);
            g0 = any ? U64.min(g0, g) : g;
            g1 = any ? U64.max(g1, gl) : gl;
            any = true;
        }
        return any ? frame(g0, g1) : null;
    }

    /** What makes a band worth a minimum width: an access inside it, or a finding about it. */
    static final class Marks {
        private final long[] accessGpas;
        /** The host address behind each access that an accepted memslot maps (__gfn_to_hva_memslot). */
        private final long[] accessHvas;
        private final List<Ref> findingRefs = new ArrayList<>();
        /** Host ranges of refused calls: the VMA behind a refusal is that refusal's story (dirty-logging's BAR). */
        private final List<long[]> refusedHvas = new ArrayList<>();

        Marks(Evaluation ev, List<MemslotResult> shown) {
            accessGpas = ev.accesses().stream().mapToLong(a -> a.access().gpa()).toArray();
            // An access's host address through the accepted address-space-0 slot holding its GPA, found by
            // binary search as gfn_to_memslot does (those slots never overlap): 163,835 accesses against
            // 32,767 slots were a nested scan at every layout.
            List<MemslotCall> slots = new ArrayList<>();
            for (MemslotResult m : shown) {
                if (m.ok() && m.call().addressSpace() == 0 && m.call().size() != 0) {
                    slots.add(m.call());
                }
            }
            slots.sort((a, b) -> U64.compare(a.gpa(), b.gpa()));
            long[] hvas = new long[accessGpas.length];
            int n = 0;
            for (long a : accessGpas) {
                int i = U64.floorIndex(slots.size(), k -> slots.get(k).gpa(), a);
                if (i >= 0 && U64.le(a, U64.last(slots.get(i).gpa(), slots.get(i).size()))) {
                    hvas[n++] = slots.get(i).hva() + (a - slots.get(i).gpa());
                }
            }
            accessHvas = sorted(java.util.Arrays.copyOf(hvas, n));
            sorted(accessGpas);
            for (MemslotResult m : shown) {
                MemslotCall c = m.call();
                if (!m.ok() && c.size() != 0 && U64.fits(c.hva(), c.size())) {
                    refusedHvas.add(new long[] {c.hva(), U64.last(c.hva(), c.size())});
                }
            }
            for (Finding fi : ev.findings()) {
                findingRefs.add(fi.ref());
            }
        }

        /** {@code a} sorted in unsigned order, in place. */
        private static long[] sorted(long[] a) {
            for (int i = 0; i < a.length; i++) {
                a[i] ^= Long.MIN_VALUE; // signed order of the flipped values is unsigned order of the values
            }
            java.util.Arrays.sort(a);
            for (int i = 0; i < a.length; i++) {
                a[i] ^= Long.MIN_VALUE;
            }
            return a;
        }

        /** Whether the unsigned-sorted {@code a} holds an address in [first, last]: binary search, per band. */
        private static boolean anyIn(long[] a, long first, long last) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) { // first index whose value >= first
                int mid = (lo + hi) >>> 1;
                if (U64.lt(a[mid], first)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < a.length && U64.le(a[lo], last);
        }

        boolean matters(Bands.Band b) {
            if (b.size() == 0) {
                return false;
            }
            long last = U64.last(b.start(), b.size());
            // A VMA matters when it backs an access (the 64 MiB pflash0 the guest writes to was a 2 px
            // unlabelled sliver beside 16 GiB of RAM); a GPA band when it holds one.
            if (anyIn(b.ref() instanceof Ref.Vma ? accessHvas : accessGpas, b.start(), last)) {
                return true;
            }
            if (b.ref() instanceof Ref.Vma) {
                for (long[] r : refusedHvas) {
                    if (U64.le(r[0], last) && U64.le(b.start(), r[1])) {
                        return true;
                    }
                }
            }
            for (Ref r : findingRefs) {
                if (r.equals(b.ref()) || r instanceof Ref.GpaRange g && !(b.ref() instanceof Ref.Vma) && g.size() != 0
                        && U64.le(g.gpa(), last) && U64.le(b.start(), U64.last(g.gpa(), g.size()))) {
                    return true;
                }
            }
            return false;
        }
    }
}
