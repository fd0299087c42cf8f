package org.stage2scope.render;

import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;

/** The accesses lane: a triangle per guest access at its GPA, with the access kind and outcome. */
final class AccessMarks {
    private AccessMarks() {}

    static void draw(Frame f, Evaluation ev, Axis gpa) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        Scene sc = f.scene();
        double h = r.accessH();
        double tri = Math.min(h * 0.45, r.font() * 0.9);
        Occupied taken = new Occupied(); // accesses come in scenario order, not GPA order
        for (AccessResult a : ev.accesses()) {
            double ax = f.gpa().x(gpa.toUnit(a.access().gpa()));
            if (ax < f.left() - tri || ax > f.right() + tri) {
                continue;
            }
            Style st = Styles.access(a);
            int fill = t.fill(st);
            double y0 = r.accessY() + 3;
            sc.add(new Scene.Poly(new double[] {ax - tri, ax + tri, ax}, new double[] {y0, y0, y0 + tri * 1.4}, fill, 1,
                    Pattern.NONE, 0, t.foreground(), 1, false));
            String text = a.access().kind().id() + " " + glyph(a);
            double fs = r.font() * 0.8;
            double tw = TextFit.width(text, fs);
            double lx = Math.max(f.left() + tw / 2, Math.min(f.right() - tw / 2, ax)); // keep it off the margin
            if (taken.free(lx - tw / 2 - 4, lx + tw / 2 + 4)) {
                sc.add(new Scene.Text(lx, y0 + tri * 1.4 + fs * 1.05, text, fs,
                        t.foreground(), st != Style.ACCESS_OK, Scene.Anchor.MIDDLE));
                taken.take(lx - tw / 2, lx + tw / 2);
            }
            sc.hit(new Scene.Hit(ax - tri, r.accessY(), tri * 2, h, new Ref.Access(a.index()), () -> Tooltips.of(a), st,
                    Layout.LANE_ACCESS));
        }
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
