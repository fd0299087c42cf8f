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

    @ParameterizedTest
    @MethodSource("samples")
    void everyViewTellsOneHonestStory(String file) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(file));
        Layout layout = Layout.of(ev);
        for (View view : views(file.hashCode())) {
            for (double width : new double[] {Picture.EXPORT_WIDTH, 900}) {
                Scene s = width == Picture.EXPORT_WIDTH ? Picture.of(layout, Theme.light(), view, width, null)
                        : layout.scene(width, 600, view, Theme.presentation(false), Layout.Options.WINDOW);
                String where = file + " view " + view + " width " + width;
                List<Mark> marks = marks(s);
                drawnVmasBackAVisibleSlot(ev, layout, view, marks, where);
                slotLabelsBelongToSlotsInView(ev, layout, view, marks, where);
                twoTickLabelsPerAxis(marks, where);
                widthsAreMonotoneInSize(marks, where);
                everyFailingAccessInViewHasALabel(ev, marks, where);
                everyRangeWarningInViewIsLabelled(ev, layout, view, marks, where);
                noTwoLabelsOverlap(marks, where);
                noLeaderCrossesALabel(marks, where);
                noTickLabelStraddlesAGap(marks, where);
            }
        }
    }

    /** The GPA addresses [first, last] the view shows. */
    private static long[] visibleGpa(Layout layout, View view) {
        return new long[] {layout.gpaAxis().toAddress(view.u0()), layout.gpaAxis().toAddress(view.u1())};
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
                if (c.size() == 0 || !overlaps(c.gpa(), U64.last(c.gpa(), c.size()), g[0], g[1])) {
                    continue;
                }
                long from = U64.max(c.gpa(), g[0]);
                long to = U64.lt(g[1], U64.last(c.gpa(), c.size())) ? g[1] : U64.last(c.gpa(), c.size());
                backs |= overlaps(c.hva() + (from - c.gpa()), c.hva() + (to - c.gpa()), start, last);
            }
            assertTrue(backs, where + ": VMA " + m.meta().ref() + " drawn but backs no memslot in view");
        }
    }

    private static void slotLabelsBelongToSlotsInView(Evaluation ev, Layout layout, View view, List<Mark> marks,
                                                      String where) {
        long[] g = visibleGpa(layout, view);
        for (Mark m : marks) {
            if (m.is("label") && m.is("slot")) {
                MemslotCall c = ev.scenario().memslots().get(Integer.parseInt(m.meta().ref().substring(5)));
                assertTrue(overlaps(c.gpa(), U64.last(c.gpa(), c.size()), g[0], g[1]),
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
                if (m.exactly("band " + lane) && m.prim() instanceof Scene.Rect r) {
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
