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
                Scene.Meta.of("label " + lane + " unmapped", ref));
    }
}
