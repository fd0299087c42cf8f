package org.stage2scope.render;

import java.util.List;
import java.util.Map;
import org.stage2scope.engine.Ref;

/** Outlines drawn over the lanes: what the last edit changed, and the current selection. */
final class Highlights {
    private Highlights() {}

    /** An outline over the stage-2 and effective lanes at each changed GPA range. */
    static void changed(Frame f, Axis gpa, List<Ref.GpaRange> ranges) {
        Layout.Rows r = f.rows();
        for (Ref.GpaRange g : ranges) {
            double x0 = Math.max(f.left(), f.gpa().x(gpa.toUnit(g.gpa())));
            double x1 = Math.min(f.right(), f.gpa().x(gpa.endUnit(g.gpa(), g.size())));
            if (x1 < f.left() || x0 > f.right()) {
                continue;
            }
            f.scene().add(new Scene.Rect(x0 - 2, r.s2Y() - 3, Math.max(3, x1 - x0) + 4, r.effY() + r.lane() - r.s2Y() + 6,
                    0, Pattern.NONE, 0, f.theme().highlight(), 4, false, true));
        }
    }

    /** Outlines the selected item: a memslot along its connector, anything else around its hit region. */
    static void selection(Frame f, Ref ref, Map<Ref, Connectors.Outline> connectors) {
        if (ref instanceof Ref.None) {
            return;
        }
        Scene sc = f.scene();
        int col = f.theme().selection();
        Connectors.Outline poly = connectors.get(ref);
        if (poly != null) {
            sc.add(new Scene.Poly(poly.xs(), poly.ys(), 0, 0, Pattern.NONE, 0, col, 3, false));
        }
        for (Scene.Hit h : sc.hits()) {
            if (poly != null && h.lane().equals(Layout.LANE_SLOT)) {
                continue;
            }
            if (h.ref().equals(ref)) {
                sc.add(new Scene.Rect(h.x() - 1, h.y() - 1, Math.max(2, h.w()) + 2, h.h() + 2, 0, Pattern.NONE, 0, col, 2.5,
                        false, true));
            }
        }
    }
}
