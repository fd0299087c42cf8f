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

    static void draw(Frame f, Evaluation ev, Axis gpa) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        Scene sc = f.scene();
        double tri = triangle(r);
        double y0 = r.accessY() + 3;
        Map<Integer, Severity> severity = severities(ev);
        List<Item> items = new ArrayList<>();
        for (AccessResult a : ev.accesses()) {
            double ax = f.gpa().x(gpa.toUnit(a.access().gpa()));
            if (ax < f.left() - tri || ax > f.right() + tri) {
                continue;
            }
            Style st = Styles.access(a);
            sc.add(marker(a.outcome(), ax, y0, tri, t.fill(st), t.foreground()),
                    Scene.Meta.range("marker access", new Ref.Access(a.index()), a.access().gpa(), 1, a.outcome().name()));
            sc.hit(new Scene.Hit(ax - tri, r.accessY(), tri * 2, tri * 1.6, new Ref.Access(a.index()), () -> Tooltips.of(a),
                    st, Layout.LANE_ACCESS));
            items.add(new Item(a, ax, a.access().kind().id() + " " + glyph(a), rank(a, severity.get(a.index()))));
        }
        items.sort(Comparator.comparingInt(Item::rank).thenComparingDouble(Item::x));
        double fs = r.font() * 0.8;
        double rowH = fs * 1.3;
        List<Occupied> rows = new ArrayList<>();
        for (int i = 0; i < LABEL_ROWS; i++) {
            rows.add(new Occupied());
        }
        for (Item it : items) {
            place(f, it, rows, fs, y0 + tri * 1.4 + 2, rowH);
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

    /** Tries each row: under the marker, then slid left or right up to a few label widths. */
    private static void place(Frame f, Item it, List<Occupied> rows, double fs, double firstBaseline, double rowH) {
        boolean bold = it.rank() < 3;
        double tw = TextFit.width(it.text(), fs, bold);
        double minX = f.left() + tw / 2;
        double maxX = f.right() - tw / 2;
        for (int row = 0; row < rows.size(); row++) {
            for (int step = 0; step <= 8; step++) {
                double shift = (step + 1) / 2 * (tw / 2 + 6) * (step % 2 == 0 ? 1 : -1);
                double lx = Math.max(minX, Math.min(maxX, it.x() + shift));
                if (!rows.get(row).free(lx - tw / 2 - 8, lx + tw / 2 + 8)) {
                    continue;
                }
                double baseline = firstBaseline + fs + row * rowH;
                Theme t = f.theme();
                boolean leader = Math.abs(lx - it.x()) > tw / 2 || row > 0;
                if (leader) {
                    double toX = Math.max(lx - tw / 2, Math.min(lx + tw / 2, it.x()));
                    f.scene().add(new Scene.Line(it.x(), firstBaseline - 2, toX, baseline - fs * 0.9, t.muted(), 1, false),
                            Scene.Meta.of("leader access"));
                }
                f.scene().add(f.rect(lx - tw / 2 - 2, baseline - fs * 0.95, tw + 4, fs * 1.25, t.laneBackground()),
                        Scene.Meta.of("plate"));
                f.scene().add(new Scene.Text(lx, baseline, it.text(), fs, t.foreground(), bold, Scene.Anchor.MIDDLE),
                        new Scene.Meta("label access", Scene.Meta.id(new Ref.Access(it.access().index())), null, null,
                                it.access().outcome().name()));
                rows.get(row).take(lx - tw / 2, lx + tw / 2);
                return;
            }
        }
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
