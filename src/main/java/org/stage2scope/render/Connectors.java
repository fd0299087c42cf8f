package org.stage2scope.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;

/**
 * The memslot lane: one connector per memslot call in view, from the host range that backs its
 * visible part (top) to that visible GPA part (bottom); refused calls as hatched ghosts. Slot names
 * go on plates placed so that none overlap (errors first), measured with the real font metrics.
 */
final class Connectors {

    /** A drawn connector's outline, so a selected memslot is outlined along its own edges. */
    record Outline(double[] xs, double[] ys) {}

    /** A connector waiting for its label (labels go on after every connector is drawn). */
    private record Pending(double[] xs, MemslotResult call) {}

    /** Label rows as a fraction of the lane height: near the GPA end first, then mid-height, then near the top. */
    private static final double[] LABEL_ROWS = {0.74, 0.42, 0.14};

    private final List<MemslotResult> shown;

    Connectors(List<MemslotResult> calls) {
        shown = shownCalls(calls);
    }

    /** The calls that get a connector, in call order. */
    List<MemslotResult> shown() {
        return shown;
    }

    /**
     * Memslot calls worth a connector: successful creates/moves still in effect at the end, and every
     * refused call with a size (drawn as a ghost). A later successful call on the same slot supersedes.
     */
    static List<MemslotResult> shownCalls(List<MemslotResult> calls) {
        Map<Integer, Integer> lastOk = new HashMap<>();
        for (MemslotResult r : calls) {
            if (r.ok()) {
                lastOk.put(r.call().rawSlot(), r.index());
            }
        }
        List<MemslotResult> out = new ArrayList<>();
        for (MemslotResult r : calls) {
            if (r.call().size() == 0) {
                continue;
            }
            if (!r.ok() || lastOk.get(r.call().rawSlot()) == r.index()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * How a connector looks: an accepted slot a muted band, a refused call a faint hatched ghost with a
     * dashed outline in the EFAULT colour. The legend's swatches are drawn by the same rule.
     */
    static Scene.Poly shape(Theme t, boolean ok, double[] xs, double[] ys) {
        int fill = ok ? t.fill(Style.SLOT_OK) : t.fill(Style.EFAULT);
        return new Scene.Poly(xs, ys, fill, ok ? 0.85 : 0.35, ok ? Pattern.NONE : Pattern.HATCH,
                ok ? t.muted() : t.fill(Style.EFAULT), ok ? t.muted() : t.fill(Style.EFAULT), 1, !ok);
    }

    /** Draws the connectors of the slot parts in view and their labels; returns the outlines by call. */
    static Map<Ref, Outline> draw(Frame f, Coupling coupling, Axis hva, Axis gpa) {
        Theme t = f.theme();
        Layout.Rows r = f.rows();
        Scene sc = f.scene();
        Map<Ref, Outline> outlines = new HashMap<>();
        double top = r.slotY() + 1;
        double bottom = r.slotY() + r.slotH() - 1;
        List<Pending> labels = new ArrayList<>();
        double lastH = Double.NaN;
        double lastG = Double.NaN;
        boolean lastOk = true;
        for (Coupling.Part part : coupling.parts()) {
            MemslotResult m = part.call();
            double hx0 = f.hva().x(hva.toUnit(part.hva()));
            double hx1 = f.hva().x(hva.endUnit(part.hva(), part.size()));
            double gx0 = f.gpa().x(gpa.toUnit(part.gpa()));
            double gx1 = f.gpa().x(gpa.endUnit(part.gpa(), part.size()));
            if (hx1 - hx0 < 1 && gx1 - gx0 < 1 && m.ok() == lastOk
                    && Math.abs(hx0 - lastH) < 1 && Math.abs(gx0 - lastG) < 1) {
                continue; // same pixel at both ends as the previous sub-pixel connector
            }
            lastH = hx0;
            lastG = gx0;
            lastOk = m.ok();
            boolean ok = m.ok();
            Style st = ok ? Style.SLOT_OK : Style.SLOT_REFUSED;
            double[] xs = {f.clip(hx0), f.clip(Math.max(hx1, hx0 + 1)), f.clip(Math.max(gx1, gx0 + 1)), f.clip(gx0)};
            double[] ys = {top, top, bottom, bottom};
            MemslotCall c = m.call();
            sc.add(shape(t, ok, xs, ys),
                    Scene.Meta.range(ok ? "connector slot" : "connector slot refused", new Ref.MemslotCall(m.index()),
                            c.gpa(), c.size(), m.resultName()));
            if (labels.size() < 400) {
                labels.add(new Pending(xs, m));
            }
            outlines.put(new Ref.MemslotCall(m.index()), new Outline(xs, ys));
            double minX = Math.min(xs[0], xs[3]);
            double maxX = Math.max(xs[1], xs[2]);
            sc.hit(new Scene.Hit(minX, r.slotY(), Math.max(1, maxX - minX), r.slotH(),
                    new Ref.MemslotCall(m.index()), () -> Tooltips.of(m), st, Layout.LANE_SLOT));
        }
        // Refused calls first (their errno matters more than an accepted slot's name), then wide slots.
        labels.sort(Comparator.comparing((Pending p) -> p.call().ok())
                .thenComparing(p -> -(p.xs()[2] - p.xs()[3])));
        List<Occupied> taken = List.of(new Occupied(), new Occupied(), new Occupied());
        List<Runnable> plates = new ArrayList<>();
        for (Pending l : labels) {
            label(f, taken, l.xs(), l.call(), plates);
        }
        plates.forEach(Runnable::run); // after every leader line, so no leader crosses a name
        return outlines;
    }

    /**
     * Places a slot's name in the first row where it fits: centred on the connector at that height,
     * else slid sideways (kept inside the plot) with a leader line back to the connector. Each placed
     * label is also a hit region, so a click on the name selects the slot (not the connector that
     * happens to run beneath it).
     */
    private static void label(Frame f, List<Occupied> taken, double[] xs, MemslotResult m, List<Runnable> plates) {
        MemslotCall c = m.call();
        boolean ok = m.ok();
        Layout.Rows r = f.rows();
        double fs = r.font() * 0.85;
        String[] candidates = ok ? new String[] {c.displayName(), "slot " + c.slot()}
                : new String[] {c.displayName() + ": " + m.resultName(), "slot " + c.slot() + ": " + m.resultName(),
                        m.resultName()};
        for (int ci = 0; ci < candidates.length; ci++) {
            String cand = candidates[ci];
            // A refused call is the error the picture exists to show: its shortest words slide as far as it
            // takes to find room (the wrap-past-2^64 refusal, crowded at the right edge by two others, had no
            // label anywhere); an accepted slot's name gives up sooner.
            int steps = !ok && ci == candidates.length - 1 ? 40 : 6;
            double tw = TextFit.width(cand, fs, !ok);
            double lo = f.left() + tw / 2 + 4;
            double hi = f.right() - tw / 2 - 4;
            if (lo > hi) {
                continue;
            }
            for (int row = 0; row < LABEL_ROWS.length; row++) {
                double k = LABEL_ROWS[row];
                // The connector's left and right edge at this height (linear between its HVA and GPA edges).
                double left = xs[0] * (1 - k) + xs[3] * k;
                double right = xs[1] * (1 - k) + xs[2] * k;
                double mid = (left + right) / 2;
                for (int step = 0; step <= steps; step++) {
                    double shift = (step + 1) / 2 * (tw / 2 + 10) * (step % 2 == 0 ? 1 : -1);
                    double mx = Math.max(lo, Math.min(hi, mid + shift));
                    if (!taken.get(row).free(mx - tw / 2 - 6, mx + tw / 2 + 6)) {
                        continue;
                    }
                    double y = r.slotY() + r.slotH() * k;
                    Ref ref = new Ref.MemslotCall(m.index());
                    if (mx - tw / 2 - 4 > Math.max(left, mid) || mx + tw / 2 + 4 < Math.min(right, mid)) {
                        double edge = mx > mid ? mx - tw / 2 - 4 : mx + tw / 2 + 4;
                        f.scene().add(new Scene.Line(mid, y, edge, y, f.theme().foreground(), 1, false),
                                Scene.Meta.of("leader slot"));
                    }
                    taken.get(row).take(mx - tw / 2, mx + tw / 2);
                    plates.add(() -> {
                        // A plate keeps the name readable where other connectors cross under it.
                        f.scene().add(f.rect(mx - tw / 2 - 4, y - fs * 0.75, tw + 8, fs * 1.5, f.theme().background()),
                                Scene.Meta.of("plate"));
                        f.scene().add(new Scene.Text(mx, y + fs * 0.35, cand, fs, f.theme().foreground(), !ok,
                                Scene.Anchor.MIDDLE), Scene.Meta.of("label slot", ref));
                        f.scene().hit(new Scene.Hit(mx - tw / 2 - 4, y - fs * 0.75, tw + 8, fs * 1.5, ref,
                                () -> Tooltips.of(m), ok ? Style.SLOT_OK : Style.SLOT_REFUSED, Layout.LANE_SLOT));
                    });
                    return;
                }
            }
        }
    }
}
