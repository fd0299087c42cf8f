package org.stage2scope.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;

/**
 * The memslot lane: one connector per shown call, from its HVA range (top) to its GPA range
 * (bottom), refused calls as hatched ghosts, with the slot's name where it fits.
 */
final class Connectors {

    /** A drawn connector's outline, so a selected memslot is outlined along its own edges. */
    record Outline(double[] xs, double[] ys) {}

    /** Where one call sits on both axes, in units. */
    private record Units(double h0, double h1, double g0, double g1) {}

    /** A connector waiting for its label (labels go on after every connector is drawn). */
    private record Pending(double[] xs, MemslotResult call) {}

    /** Label rows as a fraction of the lane height: near the GPA end first, then mid-height. */
    private static final double[] LABEL_ROWS = {0.74, 0.42};

    private final List<MemslotResult> shown;
    private final List<Units> units;

    Connectors(List<MemslotResult> calls, Axis hva, Axis gpa) {
        shown = shownCalls(calls);
        units = new ArrayList<>(shown.size());
        for (MemslotResult m : shown) {
            MemslotCall c = m.call();
            units.add(new Units(hva.toUnit(c.hva()), hva.endUnit(c.hva(), c.size()), gpa.toUnit(c.gpa()),
                    gpa.endUnit(c.gpa(), c.size())));
        }
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

    /** Draws every connector in view and their labels; returns the outlines by call for the selection. */
    Map<Ref, Outline> draw(Frame f) {
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
        for (int k = 0; k < shown.size(); k++) {
            MemslotResult m = shown.get(k);
            Units u = units.get(k);
            double hx0 = f.hva().x(u.h0());
            double hx1 = f.hva().x(u.h1());
            double gx0 = f.gpa().x(u.g0());
            double gx1 = f.gpa().x(u.g1());
            if (Math.max(hx1, gx1) < f.left() || Math.min(hx0, gx0) > f.right()) {
                continue;
            }
            if (hx1 - hx0 < 1 && gx1 - gx0 < 1 && m.ok() == lastOk
                    && Math.abs(hx0 - lastH) < 1 && Math.abs(gx0 - lastG) < 1) {
                continue; // same pixel at both ends as the previous sub-pixel connector
            }
            lastH = hx0;
            lastG = gx0;
            lastOk = m.ok();
            boolean ok = m.ok();
            Style st = ok ? Style.SLOT_OK : Style.SLOT_REFUSED;
            int fill = ok ? t.fill(Style.SLOT_OK) : t.fill(Style.EFAULT);
            double[] xs = {f.clip(hx0), f.clip(Math.max(hx1, hx0 + 1)), f.clip(Math.max(gx1, gx0 + 1)), f.clip(gx0)};
            double[] ys = {top, top, bottom, bottom};
            sc.add(new Scene.Poly(xs, ys, fill, ok ? 0.85 : 0.35, ok ? Pattern.NONE : Pattern.HATCH,
                    ok ? t.muted() : t.fill(Style.EFAULT), ok ? t.muted() : t.fill(Style.EFAULT), 1, !ok));
            if (labels.size() < 400) {
                labels.add(new Pending(xs, m));
            }
            outlines.put(new Ref.MemslotCall(m.index()), new Outline(xs, ys));
            double minX = Math.min(xs[0], xs[3]);
            double maxX = Math.max(xs[1], xs[2]);
            sc.hit(new Scene.Hit(minX, r.slotY(), Math.max(1, maxX - minX), r.slotH(),
                    new Ref.MemslotCall(m.index()), () -> Tooltips.of(m), st, Layout.LANE_SLOT));
        }
        // Refused calls are labelled first: their errno matters more than an accepted slot's name.
        labels.sort((a, b) -> Boolean.compare(a.call().ok(), b.call().ok()));
        // Two label rows: near the GPA end first (GPA ranges never overlap, while connectors cross in
        // the middle), then mid-height for what did not fit there.
        List<Occupied> taken = List.of(new Occupied(), new Occupied());
        for (Pending l : labels) {
            label(f, taken, l.xs(), l.call());
        }
        return outlines;
    }

    private static void label(Frame f, List<Occupied> taken, double[] xs, MemslotResult m) {
        MemslotCall c = m.call();
        boolean ok = m.ok();
        Layout.Rows r = f.rows();
        double fs = r.font() * 0.85;
        String[] candidates = ok ? new String[] {c.displayName(), "slot " + c.slot()}
                : new String[] {c.displayName() + ": " + m.resultName(), "slot " + c.slot() + ": " + m.resultName(),
                        m.resultName()};
        for (int row = 0; row < LABEL_ROWS.length; row++) {
            double k = LABEL_ROWS[row];
            // The connector's centre and width at this height (linear between its HVA and GPA edges).
            double mx = (xs[0] + xs[1]) / 2 * (1 - k) + (xs[2] + xs[3]) / 2 * k;
            double width = (xs[1] - xs[0]) * (1 - k) + (xs[2] - xs[3]) * k;
            for (String cand : candidates) {
                double tw = TextFit.width(cand, fs);
                if (tw <= width + 40 && mx - tw / 2 >= f.left() && mx + tw / 2 <= f.right()
                        && taken.get(row).free(mx - tw / 2 - 6, mx + tw / 2 + 6)) {
                    double y = r.slotY() + r.slotH() * k;
                    // A plate keeps the name readable where other connectors cross under it.
                    f.scene().add(f.rect(mx - tw / 2 - 4, y - fs * 0.75, tw + 8, fs * 1.5, f.theme().background()));
                    f.scene().add(new Scene.Text(mx, y + fs * 0.35, cand, fs, f.theme().foreground(), !ok,
                            Scene.Anchor.MIDDLE));
                    taken.get(row).take(mx - tw / 2, mx + tw / 2);
                    return;
                }
            }
        }
    }
}
