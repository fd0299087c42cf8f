package org.stage2scope.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;

/**
 * The accesses lane: a marker per guest access at its GPA (a triangle when it maps, a diamond when it
 * exits to the VMM, a square when it fails: shape, not hue alone, tells them apart), and a label with
 * its kind and outcome. Labels are placed by severity (errors, warnings, then the rest; "ok" last and
 * first to drop) in {@link #LABEL_ROWS} rows, slid sideways with a leader line when their own place
 * is taken, never overlapping (real font metrics).
 */
final class AccessMarks {
    private AccessMarks() {}

    static final int LABEL_ROWS = 3;

    /** Severity order of a label: 0 error, 1 warning, 2 note or unflagged non-ok outcome, 3 ok. */
    private record Item(AccessResult access, double x, String text, int rank) {}

    /** Accesses that share one label: the same words at markers closer together than the label is wide. */
    private record Group(List<Item> items, String text, int rank) {
        double x() {
            return (items.get(0).x() + items.get(items.size() - 1).x()) / 2;
        }

        String refs() {
            StringBuilder sb = new StringBuilder();
            for (Item it : items) {
                sb.append(sb.isEmpty() ? "" : " ").append(Scene.Meta.id(new Ref.Access(it.access().index())));
            }
            return sb.toString();
        }
    }

    /** Where a group's label went. */
    private record Placed(Group group, double x, double baseline, double width) {}

    static void draw(Frame f, Evaluation ev, Axis gpa) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        Scene sc = f.scene();
        double tri = triangle(r);
        double y0 = r.accessY() + 3;
        Map<Integer, Severity> severity = severities(ev);
        List<Item> items = new ArrayList<>();
        View view = f.gpa().view();
        List<AccessResult> offLeft = new ArrayList<>();
        List<AccessResult> offRight = new ArrayList<>();
        List<AccessResult> inView = new ArrayList<>();
        List<Double> trueX = new ArrayList<>();
        for (AccessResult a : ev.accesses()) {
            double u = gpa.toUnit(a.access().gpa());
            // An access outside the view is not drawn at all: a marker pinned to the edge would claim a GPA
            // the view does not show. The edges count them instead.
            if (u < view.u0()) {
                offLeft.add(a);
                continue;
            }
            if (u >= view.u1() && view.u1() < 1) {
                offRight.add(a);
                continue;
            }
            inView.add(a);
            trueX.add(f.gpa().x(u));
        }
        double[] at = fanOut(f, inView, trueX, tri, gpa);
        for (int k = 0; k < inView.size(); k++) {
            AccessResult a = inView.get(k);
            double ax = at[k];
            Style st = Styles.access(a);
            if (Math.abs(ax - trueX.get(k)) >= 1) { // a pin from the true GPA to the marker moved aside
                sc.add(new Scene.Line(trueX.get(k), r.accessY(), ax, y0 + 1, t.foreground(), 1, false),
                        Scene.Meta.of("pin access"));
            }
            sc.add(marker(a.outcome(), ax, y0, tri, t.fill(st), t.foreground()),
                    Scene.Meta.range("marker access", new Ref.Access(a.index()), a.access().gpa(), 1, a.outcome().name()));
            sc.hit(new Scene.Hit(ax - tri, r.accessY(), tri * 2, tri * 1.6, new Ref.Access(a.index()), () -> Tooltips.of(a),
                    st, Layout.LANE_ACCESS));
            items.add(new Item(a, ax, a.access().kind().id() + " " + glyph(a), rank(a, severity.get(a.index()))));
        }
        double fs = r.font() * 0.8;
        double rowH = fs * 1.3;
        List<Group> groups = group(items, fs);
        groups.sort(Comparator.comparingInt(Group::rank).thenComparingDouble(Group::x));
        List<Occupied> rows = new ArrayList<>();
        for (int i = 0; i < LABEL_ROWS; i++) {
            rows.add(new Occupied());
        }
        double firstBaseline = y0 + tri * 1.4 + 2;
        List<Placed> placed = new ArrayList<>();
        for (Group g : groups) {
            Placed p = place(f, g, rows, fs, firstBaseline, rowH);
            if (p != null) {
                placed.add(p);
            }
        }
        // Every leader first, then every plate and its text: a leader may pass under a label, never over it.
        for (Placed p : placed) {
            leaders(f, p, fs, firstBaseline);
        }
        offView(f, offLeft, true, rows, fs, firstBaseline, rowH);
        offView(f, offRight, false, rows, fs, firstBaseline, rowH);
        for (Placed p : placed) {
            Group g = p.group();
            sc.add(f.rect(p.x() - p.width() / 2 - 2, p.baseline() - fs * 0.95, p.width() + 4, fs * 1.25, t.laneBackground()),
                    Scene.Meta.of("plate"));
            sc.add(new Scene.Text(p.x(), p.baseline(), g.text(), fs, t.foreground(), g.rank() < 3, Scene.Anchor.MIDDLE),
                    new Scene.Meta("label access", g.refs(), null, null, g.items().get(0).access().outcome().name()));
        }
    }

    /**
     * Where each marker goes: at its GPA, except that markers closer than a marker's width (three accesses
     * to one 16 MiB BAR at fit) would hide each other's shape, and the shape is the outcome; such runs stand
     * side by side in address order, centred on where they belong and kept inside the plot, each pinned to
     * its true place by a thin line.
     */
    private static double[] fanOut(Frame f, List<AccessResult> accesses, List<Double> trueX, double tri, Axis gpa) {
        int n = accesses.size();
        // The mapped stretch each access lies in, in pixels: a run is kept inside it where it fits, so a
        // marker moved aside never stands over a collapsed gap (read as an access to unmapped GPA).
        double[] segLo = new double[n];
        double[] segHi = new double[n];
        for (int i = 0; i < n; i++) {
            Axis.Segment sg = gpa.segmentAt(accesses.get(i).access().gpa());
            segLo[i] = sg == null ? f.left() : Math.max(f.left(), f.gpa().x(sg.u0()));
            segHi[i] = sg == null ? f.right() : Math.min(f.right(), f.gpa().x(sg.u1()));
        }
        Bounds bounds = new Bounds(segLo, segHi);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(trueX::get));
        double step = tri * 2 + 1;
        // Runs of markers in address order, {first, last} positions in `order`; a run that would stand on its
        // left neighbour (or is pushed into it by the plot's edge) is merged into it, as BandLane's clusters are.
        List<int[]> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int[] run = {k, k};
            while (!runs.isEmpty()) {
                int[] prev = runs.get(runs.size() - 1);
                if (left(f, prev, order, trueX, tri, step, bounds) + (prev[1] - prev[0]) * step + step
                        <= left(f, run, order, trueX, tri, step, bounds)) {
                    break;
                }
                runs.remove(runs.size() - 1);
                run = new int[] {prev[0], run[1]};
            }
            runs.add(run);
        }
        double[] at = new double[n];
        double room = f.right() - f.left();
        for (int[] run : runs) {
            int count = run[1] - run[0] + 1;
            // More markers than the plot holds side by side (a stress scenario at fit) stay where they belong.
            boolean fan = count * step <= room;
            double first = left(f, run, order, trueX, tri, step, bounds);
            for (int k = run[0]; k <= run[1]; k++) {
                at[order[k]] = fan ? first + (k - run[0]) * step : trueX.get(order[k]);
            }
        }
        return at;
    }

    /**
     * The centre of a run's first marker: the run centred on where its accesses belong, kept inside the plot
     * (an access at the plot's first byte drew half its marker over the lane titles).
     */
    private static double left(Frame f, int[] run, Integer[] order, List<Double> trueX, double tri, double step,
                               Bounds bounds) {
        double centre = (trueX.get(order[run[0]]) + trueX.get(order[run[1]])) / 2;
        double width = (run[1] - run[0]) * step;
        double lo = bounds.lo()[order[run[0]]];
        double hi = bounds.hi()[order[run[1]]];
        if (hi - lo < width + 2 * tri) { // the mapped stretch is too narrow for the run: the plot, then
            lo = f.left();
            hi = f.right();
        }
        return Math.max(lo + tri, Math.min(hi - tri - width, centre - width / 2));
    }

    /** Per access (by index), the pixel extent of the mapped stretch it lies in. */
    private record Bounds(double[] lo, double[] hi) {}

    /**
     * "\u25c0 3 accesses" at the left edge (or "1 access \u25b6" at the right): how many accesses lie beyond
     * that edge of the view, in the lowest label row with room there (labels of accesses in view go first).
     */
    private static void offView(Frame f, List<AccessResult> off, boolean left, List<Occupied> rows, double fs,
                                double firstBaseline, double rowH) {
        if (off.isEmpty()) {
            return;
        }
        String n = off.size() + (off.size() == 1 ? " access" : " accesses");
        String text = left ? "\u25c0 " + n : n + " \u25b6";
        double tw = TextFit.width(text, fs);
        double x0 = left ? f.left() + 2 : f.right() - 2 - tw;
        for (int row = rows.size() - 1; row >= 0; row--) {
            if (!rows.get(row).free(x0 - 6, x0 + tw + 6)) {
                continue;
            }
            rows.get(row).take(x0, x0 + tw);
            double baseline = firstBaseline + fs + row * rowH;
            Theme t = f.theme();
            StringBuilder refs = new StringBuilder();
            StringBuilder tip = new StringBuilder(n + (left ? " left" : " right") + " of the view (pan or zoom out to see them):");
            for (AccessResult a : off) {
                refs.append(refs.isEmpty() ? "" : " ").append(Scene.Meta.id(new Ref.Access(a.index())));
                tip.append("\n").append(a.access().kind().id()).append(' ').append(org.stage2scope.model.U64.hex(a.access().gpa()))
                        .append(' ').append(glyph(a));
            }
            f.scene().add(f.rect(x0 - 2, baseline - fs * 0.95, tw + 4, fs * 1.25, t.laneBackground()), Scene.Meta.of("plate"));
            f.scene().add(new Scene.Text(x0, baseline, text, fs, t.muted(), false, Scene.Anchor.START),
                    new Scene.Meta("label offview", refs.toString(), null, null, null));
            String words = tip.toString();
            f.scene().hit(new Scene.Hit(x0 - 2, baseline - fs * 0.95, tw + 4, fs * 1.25, new Ref.Access(off.get(0).index()),
                    () -> words, Styles.access(off.get(0)), Layout.LANE_ACCESS));
            return;
        }
    }

    /**
     * Runs of accesses with the same words whose markers are closer together than one label is wide
     * get one label, "write MMIO \u00d72": two labels side by side would each sit under the wrong marker.
     */
    private static List<Group> group(List<Item> items, double fs) {
        List<Item> byX = new ArrayList<>(items);
        byX.sort(Comparator.comparingDouble(Item::x));
        List<Group> out = new ArrayList<>();
        List<Item> run = new ArrayList<>();
        for (Item it : byX) {
            if (!run.isEmpty()) {
                Item first = run.get(0);
                double reach = TextFit.width(first.text() + " \u00d7" + (run.size() + 1), fs, first.rank() < 3) + 16;
                if (!it.text().equals(first.text()) || it.rank() != first.rank() || it.x() - first.x() > reach) {
                    out.add(group(run));
                    run = new ArrayList<>();
                }
            }
            run.add(it);
        }
        if (!run.isEmpty()) {
            out.add(group(run));
        }
        return out;
    }

    private static Group group(List<Item> run) {
        Item first = run.get(0);
        return new Group(List.copyOf(run), run.size() == 1 ? first.text() : first.text() + " \u00d7" + run.size(), first.rank());
    }

    /** Tries each row: under the markers, then slid left or right up to a few label widths. */
    private static Placed place(Frame f, Group g, List<Occupied> rows, double fs, double firstBaseline, double rowH) {
        double tw = TextFit.width(g.text(), fs, g.rank() < 3);
        double minX = f.left() + tw / 2;
        double maxX = f.right() - tw / 2;
        for (int row = 0; row < rows.size(); row++) {
            for (int step = 0; step <= 8; step++) {
                double shift = (step + 1) / 2 * (tw / 2 + 6) * (step % 2 == 0 ? 1 : -1);
                double lx = Math.max(minX, Math.min(maxX, g.x() + shift));
                if (rows.get(row).free(lx - tw / 2 - 8, lx + tw / 2 + 8)) {
                    rows.get(row).take(lx - tw / 2, lx + tw / 2);
                    return new Placed(g, lx, firstBaseline + fs + row * rowH, tw);
                }
            }
        }
        return null;
    }

    /** A line from each marker the label does not sit right under, to the label's nearest top point. */
    private static void leaders(Frame f, Placed p, double fs, double firstBaseline) {
        boolean lowerRow = p.baseline() > firstBaseline + fs + 0.5;
        for (Item it : p.group().items()) {
            boolean under = it.x() >= p.x() - p.width() / 2 && it.x() <= p.x() + p.width() / 2;
            if (under && !lowerRow && p.group().items().size() == 1) {
                continue;
            }
            double toX = Math.max(p.x() - p.width() / 2, Math.min(p.x() + p.width() / 2, it.x()));
            f.scene().add(new Scene.Line(it.x(), firstBaseline - 2, toX, p.baseline() - fs * 0.9, f.theme().muted(), 1, false),
                    Scene.Meta.of("leader access"));
        }
    }

    /** Half the width of a marker. */
    static double triangle(Layout.Rows r) {
        return Math.min(r.lane() * 0.4, r.font() * 0.75);
    }

    private static Map<Integer, Severity> severities(Evaluation ev) {
        Map<Integer, Severity> out = new HashMap<>();
        for (Finding fi : ev.findings()) {
            if (fi.ref() instanceof Ref.Access a) {
                out.merge(a.index(), fi.severity(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        }
        return out;
    }

    private static int rank(AccessResult a, Severity s) {
        if (s == Severity.ERROR) {
            return 0;
        }
        if (s == Severity.WARNING) {
            return 1;
        }
        return a.outcome() == AccessOutcome.MAPPED ? 3 : 2;
    }

    /** Triangle (mapped), diamond (exits to the VMM), square (fails): told apart by shape as well as colour. */
    static Scene.Poly marker(AccessOutcome o, double x, double y0, double tri, int fill, int stroke) {
        double h = tri * 1.4;
        return switch (o) {
            case MAPPED -> new Scene.Poly(new double[] {x - tri, x + tri, x}, new double[] {y0, y0, y0 + h}, fill, 1,
                    Pattern.NONE, 0, stroke, 1, false);
            case MMIO_EXIT -> new Scene.Poly(new double[] {x, x + tri, x, x - tri},
                    new double[] {y0, y0 + h / 2, y0 + h, y0 + h / 2}, fill, 1, Pattern.NONE, 0, stroke, 1, false);
            default -> new Scene.Poly(new double[] {x - tri * 0.8, x + tri * 0.8, x + tri * 0.8, x - tri * 0.8},
                    new double[] {y0, y0, y0 + h, y0 + h}, fill, 1, Pattern.NONE, 0, stroke, 1.5, false);
        };
    }

    /** The outcome in the fewest words a reviewer recognises. */
    static String glyph(AccessResult a) {
        return switch (a.outcome()) {
            case MAPPED -> "ok";
            case MMIO_EXIT -> "MMIO";
            case EFAULT -> "EFAULT";
            case SIGBUS -> "SIGBUS";
            case ABORT_INJECTED -> "abort";
            case EMULATION_FAILURE -> "emulation failure";
        };
    }
}
