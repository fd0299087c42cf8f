package org.stage2scope.render;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Arch;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/**
 * What the picture promises, over every sample at fit and at seeded random zoom windows, read from
 * the scene's semantic marks (the same ones the SVG carries), not from pixels.
 */
class PicturePropertiesTest {

    static Stream<String> samples() {
        return SampleCatalog.list().stream().map(Sample::fileName);
    }

    /** A drawn primitive with its meaning. */
    private record Mark(Scene.Prim prim, Scene.Meta meta) {
        boolean is(String cls) {
            return meta.cls() != null && (" " + meta.cls() + " ").contains(" " + cls + " ");
        }

        boolean exactly(String cls) {
            return cls.equals(meta.cls());
        }
    }

    private static List<Mark> marks(Scene s) {
        List<Mark> out = new ArrayList<>();
        for (int i = 0; i < s.prims().size(); i++) {
            out.add(new Mark(s.prims().get(i), s.meta(i)));
        }
        return out;
    }

    /** Fit, then windows of every size from a third of the axis down to a millionth, seeded. */
    private static List<View> views(long seed) {
        Random r = new Random(seed);
        List<View> v = new ArrayList<>(List.of(View.ALL));
        for (int i = 0; i < 8; i++) {
            double span = Math.pow(10, -r.nextDouble() * 6) / 3;
            double u0 = r.nextDouble() * (1 - span);
            v.add(new View(u0, u0 + span));
        }
        return v;
    }

    /**
     * Views whose left or right edge lies a few pixels past an access, so a marker drawn "near enough"
     * to the edge (pinned there) would show a GPA the view does not hold; and views that cut a long run.
     */
    private static List<View> edgeViews(Evaluation ev, Layout layout) {
        List<View> v = new ArrayList<>();
        double plot = Picture.EXPORT_WIDTH - Layout.rows(Theme.light(), Picture.EXPORT_WIDTH, true).left()
                - Layout.rows(Theme.light(), Picture.EXPORT_WIDTH, true).right();
        for (AccessResult a : ev.accesses()) {
            double u = layout.gpaAxis().toUnit(a.access().gpa());
            double span = 0.02;
            double px = span / plot * 4;
            v.add(new View(u + px, u + px + span));
            v.add(new View(u - px - span, u - px));
        }
        for (var r : ev.stage2()) {
            double u0 = layout.gpaAxis().toUnit(r.gpa());
            double u1 = layout.gpaAxis().endUnit(r.gpa(), r.size());
            if (u1 - u0 > 0.05) { // a long run cut at both ends, and at one
                v.add(new View(u0 + (u1 - u0) * 0.3, u0 + (u1 - u0) * 0.4));
                v.add(new View(u0 - (u1 - u0) * 0.05, u0 + (u1 - u0) * 0.5));
            }
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyViewTellsOneHonestStory(String file) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(file));
        Layout layout = Layout.of(ev);
        List<View> all = new ArrayList<>(views(file.hashCode()));
        all.addAll(edgeViews(ev, layout));
        for (View view : all) {
            for (double width : new double[] {Picture.EXPORT_WIDTH, 900}) {
                Scene s = width == Picture.EXPORT_WIDTH ? Picture.of(layout, Theme.light(), view, width, null)
                        : layout.scene(width, 600, view, Theme.presentation(false), Layout.Options.WINDOW);
                String where = file + " view " + view + " width " + width;
                List<Mark> marks = marks(s);
                drawnVmasBackAVisibleSlot(ev, layout, view, marks, where);
                slotLabelsBelongToSlotsInView(ev, layout, view, marks, where);
                twoTickLabelsPerAxis(marks, where);
                widthsAreMonotoneInSize(marks, where);
                widthsAgreeWithSizes(marks, where);
                aCutBandSaysSoAndPrintsThePartInView(marks, where);
                noAccessIsDrawnOutsideTheView(ev, layout, view, marks, where);
                everyWidenedBandIsNamed(marks, where);
                everyFailingAccessInViewHasALabel(ev, marks, where);
                everyRangeWarningInViewIsLabelled(ev, layout, view, marks, where);
                noTwoLabelsOverlap(marks, where);
                noLeaderCrossesALabel(marks, where);
                noTickLabelStraddlesAGap(marks, where);
                everyBreakInViewIsMarked(marks, s, where);
                noAccessMarkerHidesAnother(marks, where);
                theScaleSaysGapsCollapsedOnlyWhenOneShows(marks, where);
                theLegendKeysWhatIsDrawnAndNothingElse(marks, s, where);
            }
        }
    }

    /** Ranges that lie wholly in empty address space: the middle of every collapsed gap, and past the last segment. */
    private static List<long[]> emptyRanges(Layout layout) {
        List<long[]> out = new ArrayList<>();
        for (Axis.Break b : layout.gpaAxis().breaks()) {
            long quarter = U64.alignDown(Long.divideUnsigned(b.last() - b.first(), 4), 0x1000);
            if (quarter != 0) {
                out.add(new long[] {b.first() + quarter, b.last() - quarter});
            }
        }
        List<Axis.Segment> segs = layout.gpaAxis().segments();
        long end = segs.get(segs.size() - 1).last();
        if (U64.lt(end, -1L - (3L << 30))) {
            out.add(new long[] {U64.alignUp(end + 1, 1L << 30) + (1L << 30), U64.alignUp(end + 1, 1L << 30) + (2L << 30) - 1});
        }
        return out;
    }

    /**
     * "render --gpa" (and the window's zoom to) of a range with nothing in it draws that range: its
     * edges are the asked addresses, every address label lies inside it, the lanes say nothing is mapped
     * there and name the range, and no band or access from elsewhere is stretched or pinned into it.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void aRangeInsideAGapIsDrawnAsAsked(String file) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(file));
        Layout base = Layout.of(ev);
        List<long[]> ranges = emptyRanges(base);
        assertTrue(!ranges.isEmpty(), file + ": no empty range to try");
        for (long[] r : ranges) {
            Layout.Framed fr = base.frame(r[0], r[1]);
            Layout l = fr.layout();
            View view = fr.view();
            String where = file + " range " + U64.hex(r[0]) + "-" + U64.hex(r[1]);
            assertTrue(l.gpaAxis().firstAt(view.u0()) == r[0] && l.gpaAxis().lastBefore(view.u1()) == r[1],
                    where + ": the view shows " + U64.hex(l.gpaAxis().firstAt(view.u0())) + "-"
                            + U64.hex(l.gpaAxis().lastBefore(view.u1())));
            for (Scene s : List.of(Picture.of(l, Theme.light(), view, Picture.EXPORT_WIDTH, null),
                    l.scene(900, 600, view, Theme.presentation(false), Layout.Options.WINDOW))) {
                List<Mark> marks = marks(s);
                twoTickLabelsPerAxis(marks, where);
                noTwoLabelsOverlap(marks, where);
                for (Mark m : marks) {
                    if (m.is("label") && m.is("tick") && m.is("gpa") && m.prim() instanceof Scene.Text t) {
                        long a = Long.parseUnsignedLong(t.text().substring(2), 16);
                        assertTrue(U64.le(r[0], a) && U64.le(a, r[1]), where + ": GPA tick " + t.text() + " outside the range");
                    }
                    assertTrue(!(m.is("band") && (m.is(Layout.LANE_S2) || m.is(Layout.LANE_EFF))), where + ": a band "
                            + m.meta().ref() + " drawn in empty space");
                    assertTrue(!(m.is("marker") && m.is("access")), where + ": access " + m.meta().ref() + " drawn in empty space");
                }
                List<String> texts = s.texts();
                String note = "nothing mapped in " + U64.hex(r[0]) + "\u2013" + U64.hex(r[1]);
                assertTrue(texts.contains(note) || texts.contains("nothing mapped"), where + ": no note in " + texts);
                if (s.width() == Picture.EXPORT_WIDTH) {
                    assertTrue(texts.contains(note), where + ": the note does not name the range: " + texts);
                    double plot = s.width() - Layout.rows(Theme.light(), s.width(), true).left()
                            - Layout.rows(Theme.light(), s.width(), true).right();
                    String per100 = Layout.human(Axis.ud(r[1] - r[0] + 1) / plot * 100);
                    assertTrue(texts.stream().anyMatch(t -> t.startsWith("linear scale: 100 px = " + per100 + " GPA")), where
                            + ": scale is not the range's (" + per100 + " per 100 px): " + texts);
                }
            }
        }
    }

    /** An empty scenario (File > New from this host before anything is added) draws a default view, not a byte. */
    @org.junit.jupiter.api.Test
    void anEmptyScenarioDrawsItsFirstFourGiBAndSaysWhatToAdd() throws Exception {
        org.stage2scope.model.Scenario full = SampleCatalog.load("grace-hopper-fwb.json");
        org.stage2scope.model.Scenario empty = new org.stage2scope.model.Scenario("empty", "", full.host(), full.vm(), List.of(),
                List.of(), new org.stage2scope.model.Guest(List.of(), List.of()));
        Evaluation ev = Evaluator.evaluate(empty);
        Layout l = Layout.of(ev);
        for (Scene s : List.of(Picture.of(ev), l.scene(1200, 500, View.ALL, Theme.light(), Layout.Options.WINDOW))) {
            List<String> texts = s.texts();
            assertTrue(texts.contains("no memslots yet: add a VMA and a memslot"), texts.toString());
            assertTrue(texts.contains("0x0"), texts.toString());
            assertTrue(texts.stream().noneMatch(t -> t.startsWith("linear scale") && t.contains(" B GPA")), texts.toString());
            List<Mark> marks = marks(s);
            twoTickLabelsPerAxis(marks, "empty");
            assertTrue(marks.stream().noneMatch(m -> m.is("legend") || m.is("swatch")),
                    "nothing is drawn that needs a key, yet the legend says " + texts);
            for (Mark m : marks) {
                if (m.is("label") && m.is("tick") && m.is("gpa") && m.prim() instanceof Scene.Text t) {
                    assertTrue(Long.parseUnsignedLong(t.text().substring(2), 16) < (4L << 30), t.text());
                }
            }
        }
    }

    /**
     * A collapsed gap that shows in the plot shows its zig-zag there, also when the view's edge falls
     * inside it (a zoom with a margin): blank lanes with no break mark read as address space with nothing
     * mapped, drawn to scale.
     */
    private static void everyBreakInViewIsMarked(List<Mark> marks, Scene s, String where) {
        for (Mark m : marks) {
            if (m.exactly("gap gpa") && m.prim() instanceof Scene.Rect r && r.w() >= 1) {
                boolean marked = marks.stream().anyMatch(z -> z.exactly("break gpa") && z.prim() instanceof Scene.Line l
                        && Math.min(l.x1(), l.x2()) >= r.x() - 3.5 && Math.max(l.x1(), l.x2()) <= r.x() + r.w() + 3.5
                        && Math.min(l.x1(), l.x2()) >= 0 && Math.max(l.x1(), l.x2()) <= s.width());
                assertTrue(marked, where + ": the gap " + m.meta().start() + " shows " + r.w() + " px at x " + r.x()
                        + " with no zig-zag on it");
            }
        }
    }

    /**
     * An access marker's shape is its outcome: markers of accesses a few pixels apart (three accesses to a
     * 16 MiB BAR at fit) stood on one another and a failing square hid a mapped triangle.
     */
    private static void noAccessMarkerHidesAnother(List<Mark> marks, String where) {
        List<double[]> spans = new ArrayList<>();
        for (Mark m : marks) {
            if (m.exactly("marker access") && m.prim() instanceof Scene.Poly p) {
                double lo = java.util.Arrays.stream(p.xs()).min().orElseThrow();
                double hi = java.util.Arrays.stream(p.xs()).max().orElseThrow();
                for (double[] o : spans) {
                    assertTrue(Math.min(hi, o[1]) - Math.max(lo, o[0]) <= 0.5, where + ": access marker " + m.meta().ref()
                            + " at " + lo + "-" + hi + " overlaps one at " + o[0] + "-" + o[1]);
                }
                spans.add(new double[] {lo, hi});
            }
        }
    }

    /** "gaps collapsed" under the axis promises a break on the picture; a zoom between two gaps has none. */
    private static void theScaleSaysGapsCollapsedOnlyWhenOneShows(List<Mark> marks, String where) {
        boolean says = marks.stream().anyMatch(m -> m.exactly("label scale") && m.prim() instanceof Scene.Text t
                && t.text().contains("gaps collapsed"));
        boolean shows = marks.stream().anyMatch(m -> (m.exactly("gap gpa") || m.exactly("gap hva")) && m.prim() instanceof Scene.Rect r
                && r.w() >= 1);
        assertTrue(says == shows, where + ": the scale line " + (says ? "says" : "does not say") + " gaps collapsed, and a gap "
                + (shows ? "shows" : "does not show"));
    }

    /** Which drawn mark each legend swatch keys (style swatches are checked against the lanes' hit areas). */
    private static final java.util.Map<String, String> KEYED = java.util.Map.of(
            "swatch widened", "widened", "swatch dimmed", "unrelated", "swatch gap", "gap", "swatch ticks", "block-tick");

    /**
     * The legend keys exactly the marks on this picture: a swatch for a widened marker, a dimmed VMA, a
     * gap break, block ticks, an access shape or a band colour appears only when the picture holds one
     * (an empty scenario's legend named a widened marker and a dimmed VMA), and every one of those
     * marks the picture holds has its swatch.
     */
    private static void theLegendKeysWhatIsDrawnAndNothingElse(List<Mark> marks, Scene s, String where) {
        java.util.Set<String> swatches = new java.util.HashSet<>();
        for (Mark m : marks) {
            if (m.meta().cls() != null && m.meta().cls().startsWith("swatch ")) {
                swatches.add(m.meta().cls());
            }
        }
        for (var e : KEYED.entrySet()) {
            boolean drawn = marks.stream().anyMatch(m -> !m.is("swatch") && m.is(e.getValue()));
            assertTrue(drawn == swatches.contains(e.getKey()), where + ": " + e.getKey() + " in the legend is "
                    + swatches.contains(e.getKey()) + " but the picture " + (drawn ? "holds" : "has no") + " " + e.getValue());
        }
        for (String outcome : List.of("MAPPED", "MMIO_EXIT")) {
            String swatch = outcome.equals("MAPPED") ? "swatch marker_ok" : "swatch marker_exit";
            boolean drawn = marks.stream().anyMatch(m -> m.exactly("marker access") && outcome.equals(m.meta().outcome()));
            assertTrue(drawn == swatches.contains(swatch), where + ": " + swatch + " vs markers drawn " + drawn);
        }
        java.util.Set<String> legendWords = new java.util.HashSet<>();
        for (Mark m : marks) {
            if (m.exactly("label legend") && m.prim() instanceof Scene.Text t) {
                legendWords.add(t.text());
            }
        }
        java.util.Set<Style> inLanes = java.util.EnumSet.noneOf(Style.class);
        for (Scene.Hit h : s.hits()) {
            if (!h.lane().equals(Layout.LANE_ACCESS) && h.style() != null && !h.tooltip().startsWith("Backs no memslot in view")) {
                inLanes.add(h.style());
            }
        }
        for (Style st : Style.values()) {
            if (st.name().startsWith("ACCESS")) {
                continue; // markers, keyed by shape above
            }
            String word = Legend.label(st, Arch.ARM64);
            String x86 = Legend.label(st, Arch.X86_INTEL);
            boolean keyed = legendWords.stream().anyMatch(w -> w.equals(word) || w.equals(x86));
            if (keyed) {
                assertTrue(inLanes.contains(st), where + ": the legend keys \"" + word + "\" but no lane draws it");
            }
        }
    }

    /** The GPA addresses [first, last] the view shows. */
    private static long[] visibleGpa(Layout layout, View view) {
        return new long[] {layout.gpaAxis().firstAt(view.u0()), layout.gpaAxis().lastBefore(view.u1())};
    }

    private static boolean overlaps(long a0, long a1, long b0, long b1) {
        return U64.le(a0, b1) && U64.le(b0, a1);
    }

    private static void drawnVmasBackAVisibleSlot(Evaluation ev, Layout layout, View view, List<Mark> marks, String where) {
        long[] g = visibleGpa(layout, view);
        for (Mark m : marks) {
            if (!m.is("band") || !m.is("vma") || m.is("unrelated") || m.is("merged")) {
                continue;
            }
            long start = Long.parseUnsignedLong(m.meta().start().substring(2), 16);
            long last = U64.last(start, Long.parseUnsignedLong(m.meta().size()));
            boolean backs = false;
            for (MemslotResult r : ev.memslotCalls()) {
                MemslotCall c = r.call();
                if (c.size() == 0 || !overlaps(c.gpa(), slotLast(c), g[0], g[1])) {
                    continue;
                }
                long from = U64.max(c.gpa(), g[0]);
                long to = U64.lt(g[1], slotLast(c)) ? g[1] : slotLast(c);
                backs |= overlaps(c.hva() + (from - c.gpa()), c.hva() + (to - c.gpa()), start, last);
            }
            assertTrue(backs, where + ": VMA " + m.meta().ref() + " drawn but backs no memslot in view");
        }
    }

    /** A slot's last GPA; a refused one that wraps past 2^64 is drawn up to the top of the space. */
    private static long slotLast(MemslotCall c) {
        return U64.lastClipped(c.gpa(), c.size());
    }

    private static void slotLabelsBelongToSlotsInView(Evaluation ev, Layout layout, View view, List<Mark> marks,
                                                      String where) {
        long[] g = visibleGpa(layout, view);
        for (Mark m : marks) {
            if (m.is("label") && m.is("slot")) {
                MemslotCall c = ev.scenario().memslots().get(Integer.parseInt(m.meta().ref().substring(5)));
                assertTrue(overlaps(c.gpa(), slotLast(c), g[0], g[1]),
                        where + ": label " + ((Scene.Text) m.prim()).text() + " for a slot out of view");
            }
        }
    }

    private static void twoTickLabelsPerAxis(List<Mark> marks, String where) {
        for (String axis : List.of("gpa", "hva")) {
            long n = marks.stream().filter(m -> m.is("label") && m.is("tick") && m.is(axis)).count();
            assertTrue(n >= 2, where + ": " + n + " tick labels on the " + axis + " axis");
        }
    }

    /** Inside one lane, a larger range is never narrower and equal sizes get equal widths (to a pixel). */
    private static void widthsAreMonotoneInSize(List<Mark> marks, String where) {
        for (String lane : List.of(Layout.LANE_VMA, Layout.LANE_S2, Layout.LANE_EFF)) {
            List<double[]> sw = new ArrayList<>(); // {size, width}
            for (Mark m : marks) {
                if ((m.exactly("band " + lane) || m.exactly("band " + lane + " clipped")) && m.prim() instanceof Scene.Rect r) {
                    sw.add(new double[] {Axis.ud(Long.parseUnsignedLong(m.meta().size())), r.w()});
                }
            }
            sw.sort((a, b) -> Double.compare(a[0], b[0]));
            for (int i = 1; i < sw.size(); i++) {
                double[] a = sw.get(i - 1);
                double[] b = sw.get(i);
                if (a[0] == b[0]) {
                    assertTrue(Math.abs(a[1] - b[1]) <= 1, where + ": equal sizes, widths " + a[1] + " and " + b[1]);
                } else {
                    assertTrue(b[1] >= a[1] - 0.01, where + ": " + lane + " band of " + b[0] + " bytes is " + b[1]
                            + " px, narrower than " + a[0] + " bytes at " + a[1] + " px");
                }
            }
        }
    }

    /**
     * One linear scale per lane: every band drawn to scale, cut by the view or not, is as wide as its
     * data-size says, at the same bytes per pixel as the widest band of its lane (to a pixel and a half).
     */
    private static void widthsAgreeWithSizes(List<Mark> marks, String where) {
        for (String lane : List.of(Layout.LANE_VMA, Layout.LANE_S2, Layout.LANE_EFF)) {
            List<double[]> sw = new ArrayList<>();
            for (Mark m : marks) {
                if ((m.exactly("band " + lane) || m.exactly("band " + lane + " clipped")) && m.prim() instanceof Scene.Rect r
                        && r.w() >= 2) {
                    sw.add(new double[] {Axis.ud(Long.parseUnsignedLong(m.meta().size())), r.w()});
                }
            }
            double[] ref = sw.stream().max((a, b) -> Double.compare(a[1], b[1])).orElse(null);
            for (double[] x : sw) {
                double expected = x[0] * ref[1] / ref[0];
                assertTrue(Math.abs(expected - x[1]) <= 1.5, where + ": " + lane + " band of " + x[0] + " bytes is " + x[1]
                        + " px wide; at the lane's scale it would be " + expected + " px");
            }
        }
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile(
            "(\\d+(?:\\.\\d+)? (?:B|KiB|MiB|GiB|TiB|PiB|EiB))\\b(?: of (\\d+(?:\\.\\d+)? (?:B|KiB|MiB|GiB|TiB|PiB|EiB))\\b)?");

    /**
     * A band the view cuts keeps its whole run in data-run-start/data-run-size, and any size its label
     * prints is the part in view, "2 GiB of 16 GiB"; a band drawn whole prints its own size and no "of".
     */
    private static void aCutBandSaysSoAndPrintsThePartInView(List<Mark> marks, String where) {
        for (String lane : List.of(Layout.LANE_VMA, Layout.LANE_S2, Layout.LANE_EFF)) {
            java.util.Map<String, Scene.Meta> bands = new java.util.HashMap<>();
            for (Mark m : marks) {
                if ((m.exactly("band " + lane) || m.exactly("band " + lane + " clipped")) && m.meta().ref() != null) {
                    bands.put(m.meta().ref(), m.meta());
                    if (m.is("clipped")) {
                        assertTrue(m.meta().runSize() != null && m.meta().runStart() != null, where + ": cut band "
                                + m.meta().ref() + " without data-run-size");
                        assertTrue(Long.compareUnsigned(Long.parseUnsignedLong(m.meta().size()),
                                Long.parseUnsignedLong(m.meta().runSize())) < 0, where + ": cut band " + m.meta().ref()
                                + " claims its whole run");
                    }
                }
            }
            for (Mark m : marks) {
                if (!m.exactly("label " + lane) || !(m.prim() instanceof Scene.Text t) || !bands.containsKey(m.meta().ref())) {
                    continue;
                }
                Scene.Meta b = bands.get(m.meta().ref());
                var sz = SIZE.matcher(t.text());
                if (!sz.find()) {
                    continue;
                }
                // Rounded, or exact where rounding would make a cut part read as its whole run.
                long size = Long.parseUnsignedLong(b.size());
                String drawn = U64.human(size);
                assertTrue(sz.group(1).equals(drawn) || sz.group(1).equals(U64.exact(size)),
                        where + ": label \"" + t.text() + "\" of a band drawn as " + drawn);
                if (b.runSize() != null) {
                    long run = Long.parseUnsignedLong(b.runSize());
                    assertTrue(U64.human(run).equals(sz.group(2)) || U64.exact(run).equals(sz.group(2)), where + ": cut band's label \""
                            + t.text() + "\" does not say of what whole");
                } else {
                    assertTrue(sz.group(2) == null, where + ": whole band labelled \"" + t.text() + "\"");
                }
            }
        }
    }

    /**
     * Accesses outside the view are not drawn (a marker at the edge would claim a GPA the view does not
     * show); the edges count them, "\u25c0 3 accesses" and "1 access \u25b6", where there is room.
     */
    private static void noAccessIsDrawnOutsideTheView(Evaluation ev, Layout layout, View view, List<Mark> marks,
                                                      String where) {
        long first = layout.gpaAxis().firstAt(view.u0());
        long last = layout.gpaAxis().lastBefore(view.u1());
        int left = 0;
        int right = 0;
        for (AccessResult a : ev.accesses()) {
            long g = a.access().gpa();
            left += U64.lt(g, first) ? 1 : 0;
            right += U64.lt(last, g) ? 1 : 0;
        }
        for (Mark m : marks) {
            if (m.is("marker") && m.is("access")) {
                long g = Long.parseUnsignedLong(m.meta().start().substring(2), 16);
                assertTrue(U64.le(first, g) && U64.le(g, last), where + ": access at " + m.meta().start() + " drawn in a view of "
                        + U64.hex(first) + "-" + U64.hex(last));
            }
            if (m.is("offview") && m.prim() instanceof Scene.Text t) {
                int n = Integer.parseInt(t.text().replaceAll("[^0-9]", ""));
                assertTrue(n == (t.text().startsWith("\u25c0") ? left : right), where + ": \"" + t.text() + "\", but " + left
                        + " lie left and " + right + " right of the view");
            }
        }
    }

    /** Every band drawn wider than to scale is named by exactly one label beside it or on a callout. */
    private static void everyWidenedBandIsNamed(List<Mark> marks, String where) {
        for (Mark w : marks) {
            if (!w.is("widened") || w.meta().ref() == null) {
                continue;
            }
            String lane = w.meta().cls().split(" ")[1];
            long named = marks.stream().filter(m -> m.is("label") && m.is("side") && m.is(lane) && m.meta().ref() != null
                    && List.of(m.meta().ref().split(" ")).contains(w.meta().ref())).count();
            assertTrue(named == 1, where + ": widened band " + w.meta().ref() + " is named by " + named + " labels");
        }
    }

    private static void everyFailingAccessInViewHasALabel(Evaluation ev, List<Mark> marks, String where) {
        Set<String> labelled = new HashSet<>();
        for (Mark m : marks) {
            if (m.is("label") && m.is("access")) {
                labelled.addAll(List.of(m.meta().ref().split(" "))); // one label may name a run of accesses
            }
        }
        for (Mark m : marks) {
            if (m.is("marker") && m.is("access")) {
                AccessResult a = ev.accesses().get(Integer.parseInt(m.meta().ref().substring(7)));
                if (a.outcome() != AccessOutcome.MAPPED) {
                    assertTrue(labelled.contains(m.meta().ref()), where + ": access " + a.index() + " (" + a.outcome()
                            + ") has no label");
                }
            }
        }
    }

    /**
     * A leader line may run under a label's plate (labels are drawn after every leader), but it must
     * not be drawn over any label: text always sits on top.
     */
    static void noLeaderCrossesALabel(List<Mark> marks, String where) {
        for (int i = 0; i < marks.size(); i++) {
            if (!marks.get(i).is("leader") || !(marks.get(i).prim() instanceof Scene.Line line)) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (marks.get(j).prim() instanceof Scene.Text t && marks.get(j).meta().cls() != null
                        && crosses(line, TextMetrics.box(t))) {
                    fail(where + ": a leader is drawn over the label \"" + t.text() + "\"");
                }
            }
        }
    }

    /** Whether a segment passes through the inside of a box (sampled along its length). */
    private static boolean crosses(Scene.Line l, double[] b) {
        for (int k = 0; k <= 40; k++) {
            double x = l.x1() + (l.x2() - l.x1()) * k / 40;
            double y = l.y1() + (l.y2() - l.y1()) * k / 40;
            if (x > b[0] + 1 && x < b[2] - 1 && y > b[1] + 1 && y < b[3] - 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * A warning or error about a GPA range (misaligned blocks, a silently lost caching request) is written
     * on a band of its lane in view, or beside its widened marker: never only in the findings list.
     */
    private static void everyRangeWarningInViewIsLabelled(Evaluation ev, Layout layout, View view, List<Mark> marks,
                                                          String where) {
        long[] g = visibleGpa(layout, view);
        for (org.stage2scope.engine.Finding fi : ev.findings()) {
            if (fi.severity() == org.stage2scope.engine.Severity.INFO
                    || !(fi.ref() instanceof org.stage2scope.engine.Ref.GpaRange r) || r.size() == 0) {
                continue;
            }
            long last = U64.last(r.gpa(), r.size());
            if (!overlaps(r.gpa(), last, g[0], g[1])) {
                continue;
            }
            String lane = fi.rule().id().startsWith("s2.") ? Layout.LANE_S2 : Layout.LANE_EFF;
            boolean labelled = false;
            for (Mark m : marks) {
                if (m.is("label") && m.is(lane) && m.prim() instanceof Scene.Text t && t.text().startsWith("\u26a0")) {
                    labelled = true;
                }
            }
            assertTrue(labelled, where + ": " + fi.severity() + " " + fi.rule().id() + " on " + fi.ref() + " has no label in the "
                    + lane + " lane");
        }
    }

    /**
     * An address label over a collapsed gap, for an address outside it, reads as the address of the
     * segment on the gap's other side.
     */
    private static void noTickLabelStraddlesAGap(List<Mark> marks, String where) {
        for (String axis : List.of("gpa", "hva")) {
            for (Mark gap : marks) {
                if (!gap.exactly("gap " + axis) || !(gap.prim() instanceof Scene.Rect r)) {
                    continue;
                }
                for (Mark m : marks) {
                    // Edge labels (a view too deep for round addresses) name the view's edges and start there.
                    if (m.is("label") && m.is("tick") && m.is(axis) && !m.is("edge") && m.prim() instanceof Scene.Text t) {
                        double[] b = TextMetrics.box(t);
                        long addr = Long.parseUnsignedLong(t.text().substring(2), 16);
                        long g0 = Long.parseUnsignedLong(gap.meta().start().substring(2), 16);
                        long g1 = U64.last(g0, Long.parseUnsignedLong(gap.meta().size()));
                        boolean inside = U64.le(g0, addr) && U64.le(addr, g1); // deep inside a gap: its own addresses
                        assertTrue(inside || b[2] <= r.x() + 0.5 || b[0] >= r.x() + r.w() - 0.5, where + ": tick label " + t.text()
                                + " [" + b[0] + ", " + b[2] + "] runs across the " + axis + " gap at [" + r.x() + ", "
                                + (r.x() + r.w()) + "]");
                    }
                }
            }
        }
    }

    /** Label boxes from the painter's real font metrics. */
    static void noTwoLabelsOverlap(List<Mark> marks, String where) {
        List<Scene.Text> texts = new ArrayList<>();
        List<double[]> boxes = new ArrayList<>();
        for (Mark m : marks) {
            if (m.prim() instanceof Scene.Text t && m.meta().cls() != null) {
                texts.add(t);
                boxes.add(TextMetrics.box(t));
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean overlap = a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
                assertTrue(!overlap, where + ": labels overlap: \"" + texts.get(i).text() + "\" and \"" + texts.get(j).text()
                        + "\"");
            }
        }
    }
}
