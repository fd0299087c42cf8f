package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/**
 * The GPA a refused memslot call asked for and no stage-2 run covers. Without a word there, a 95 GiB
 * slot refused with EINVAL leaves the stage-2 and effective lanes blank, and a blank lane reads as
 * "nothing here" instead of "the kernel said no": the range is named in both lanes.
 */
final class Unmapped {
    private Unmapped() {}

    /** One hole, in GPA axis units, with the refused call it belongs to. */
    record Hole(double u0, double u1, MemslotResult call) {}

    /** Holes of every refused call with a size, in call order (runs in {@code stage2} are sorted and disjoint). */
    static List<Hole> holes(Evaluation ev, Axis gpa, List<Bands.Band> stage2) {
        List<Hole> out = new ArrayList<>();
        for (MemslotResult m : ev.memslotCalls()) {
            MemslotCall c = m.call();
            if (m.ok() || c.size() == 0 || U64.lt(U64.last(c.gpa(), c.size()), c.gpa())) {
                continue;
            }
            double u0 = gpa.toUnit(c.gpa());
            double u1 = gpa.endUnit(c.gpa(), c.size());
            double at = u0;
            for (Bands.Band b : stage2) {
                if (b.u1() <= at || b.u0() >= u1) {
                    continue;
                }
                if (b.u0() > at) {
                    out.add(new Hole(at, b.u0(), m));
                }
                at = Math.max(at, b.u1());
            }
            if (at < u1) {
                out.add(new Hole(at, u1, m));
            }
        }
        return out;
    }

    /** The words in the stage-2 lane and the effective lane wherever a hole is wide enough to hold them. */
    static void draw(Frame f, List<Hole> holes, String s2Lane, double s2Y, String effLane, double effY, double h) {
        Occupied s2Taken = new Occupied();
        Occupied effTaken = new Occupied();
        for (Hole hole : holes) {
            double x0 = Math.max(f.left(), f.gpa().x(hole.u0()));
            double x1 = Math.min(f.right(), f.gpa().x(hole.u1()));
            if (x1 - x0 < 24) {
                continue;
            }
            MemslotResult m = hole.call();
            MemslotCall c = m.call();
            String err = m.resultName();
            Ref ref = new Ref.MemslotCall(m.index());
            note(f, s2Taken, x0, x1, s2Y, h, s2Lane, ref, "no stage 2: " + c.displayName() + " refused, " + err,
                    "no stage 2: slot " + c.slot() + " " + err, "slot " + c.slot() + " " + err, err);
            note(f, effTaken, x0, x1, effY, h, effLane, ref, "no mapping (no memslot)", "no mapping", "none");
            f.scene().hit(new Scene.Hit(x0, s2Y, x1 - x0, effY + h - s2Y, ref,
                    () -> "No stage-2 mapping: this range has no memslot, because call #" + m.index() + " ("
                            + c.displayName() + ") was refused with " + err + ".\n" + Tooltips.of(m),
                    Style.SLOT_REFUSED, s2Lane));
        }
    }

    /**
     * Every stretch of the view with no memslot, no stage-2 run and no refused call is named in the stage-2
     * and effective lanes ("nothing mapped in 0x1000000000\u20130x103fffffff"), so a view of empty address
     * space (a range asked for inside a gap) reads as that, not as a blank picture. Collapsed gaps carry
     * their own "gap" label and are left out. A scenario without any memslot gets one centred note instead.
     */
    static void empty(Frame f, Axis gpa, Coupling coupling, List<Bands.Band> stage2, List<Hole> holes, boolean noSlots,
                      boolean noVmas, String s2Lane, double s2Y, String effLane, double effY, double h) {
        Theme t = f.theme();
        if (noSlots) {
            Layout.Rows r = f.rows();
            String text = noVmas ? "no memslots yet: add a VMA and a memslot" : "no memslots yet: add a memslot over a VMA";
            double fs = f.font();
            double cx = (f.left() + f.right()) / 2;
            double tw = TextFit.width(text, fs);
            double y = r.slotY() + r.slotH() / 2;
            f.scene().add(new Scene.Rect(cx - tw / 2 - 10, y - fs, tw + 20, fs * 2, t.background(), Pattern.NONE, 0, t.muted(),
                    1, true, false), Scene.Meta.of("plate note"));
            f.scene().add(new Scene.Text(cx, y + fs * 0.36, text, fs, t.foreground(), false, Scene.Anchor.MIDDLE),
                    Scene.Meta.of("label note empty"));
            return;
        }
        Plot p = f.gpa();
        // Stage-2 runs are sorted and disjoint: one sweep finds the stretches between them, without an entry
        // per run (a stress scene has 32,767 of them in view). Slot parts, refused holes and breaks are few.
        List<double[]> free = new ArrayList<>();
        double at = f.left();
        for (int i = firstVisible(stage2, p, f.left()); i < stage2.size(); i++) {
            double x0 = p.x(stage2.get(i).u0());
            if (x0 > f.right()) {
                break;
            }
            if (x0 - at >= 24) {
                free.add(new double[] {at, x0});
            }
            at = Math.max(at, Math.max(p.x(stage2.get(i).u1()), x0 + 1));
        }
        if (f.right() - at >= 24) {
            free.add(new double[] {at, f.right()});
        }
        List<double[]> taken = new ArrayList<>();
        for (Coupling.Part part : coupling.parts()) {
            taken.add(new double[] {p.x(gpa.toUnit(part.gpa())), p.x(gpa.endUnit(part.gpa(), part.size()))});
        }
        for (Hole hole : holes) {
            taken.add(new double[] {p.x(hole.u0()), p.x(hole.u1())});
        }
        for (Axis.Break b : gpa.breaks()) {
            if (p.x(b.u1()) >= f.left() && p.x(b.u0()) <= f.right()) {
                taken.add(new double[] {p.x(b.u0()), p.x(b.u1())});
            }
        }
        for (double[] c : taken) {
            List<double[]> next = new ArrayList<>();
            for (double[] x : free) {
                if (c[1] <= x[0] || c[0] >= x[1]) {
                    next.add(x);
                    continue;
                }
                if (c[0] > x[0]) {
                    next.add(new double[] {x[0], c[0]});
                }
                if (c[1] < x[1]) {
                    next.add(new double[] {c[1], x[1]});
                }
            }
            free = next;
        }
        Occupied s2Taken = new Occupied();
        Occupied effTaken = new Occupied();
        for (double[] x : free) {
            if (x[1] - x[0] < 24) {
                continue;
            }
            double u0 = p.u(x[0]);
            double u1 = p.u(x[1]);
            String range = U64.hex(gpa.firstAt(u0)) + "\u2013" + U64.hex(gpa.lastBefore(u1));
            note(f, s2Taken, x[0], x[1], s2Y, h, s2Lane, null, "nothing mapped in " + range, "nothing mapped");
            note(f, effTaken, x[0], x[1], effY, h, effLane, null, "no mapping (no memslot)", "no mapping");
        }
    }

    /** Index of the first band ending at or right of {@code left} (bands are sorted and disjoint). */
    private static int firstVisible(List<Bands.Band> bands, Plot p, double left) {
        int lo = 0;
        int hi = bands.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (p.x(bands.get(mid).u1()) < left) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Two refused calls over one range (a resize after a create) share the lane: the first one is named. */
    private static void note(Frame f, Occupied taken, double x0, double x1, double y, double h, String lane, Ref ref, String... candidates) {
        double fs = Math.min(f.font(), h * 0.42) * 0.9;
        String text = TextFit.firstFitting(fs, x1 - x0 - 12, candidates);
        if (text == null) {
            return;
        }
        Theme t = f.theme();
        double tw = TextFit.width(text, fs);
        double cx = (x0 + x1) / 2;
        if (!taken.free(cx - tw / 2 - 6, cx + tw / 2 + 6)) {
            return;
        }
        taken.take(cx - tw / 2 - 6, cx + tw / 2 + 6);
        f.scene().add(f.rect(cx - tw / 2 - 3, y + h / 2 - fs * 0.7, tw + 6, fs * 1.4, t.laneBackground()), Scene.Meta.of("plate"));
        f.scene().add(new Scene.Text(cx, y + h / 2 + fs * 0.36, text, fs, t.muted(), false, Scene.Anchor.MIDDLE),
                Scene.Meta.of("label " + lane + (ref == null ? " nothing" : " unmapped"), ref));
    }
}
