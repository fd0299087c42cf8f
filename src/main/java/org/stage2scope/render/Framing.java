package org.stage2scope.render;

import java.util.List;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The GPA view that frames a Ref ("Zoom to selection"). The HVA lane follows the GPA view, so a VMA
 * is framed through the memslots over it.
 */
final class Framing {
    private Framing() {}

    /** Half the width of the window around a point (an access), in units. */
    private static final double POINT = 0.002;

    /** The GPA view around {@code ref}, or null when it has no place on the GPA axis. */
    static View gpaView(Ref ref, Scenario s, List<MemslotResult> shownCalls, Axis gpa) {
        double u0 = Double.MAX_VALUE;
        double u1 = -Double.MAX_VALUE;
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            for (MemslotResult m : shownCalls) {
                MemslotCall c = m.call();
                if (m.ok() && U64.lt(c.hva(), vma.end() == 0 ? -1L : vma.end()) && U64.lt(vma.start(), c.hva() + c.size())) {
                    // Only the part of the slot this VMA backs.
                    long from = U64.max(c.hva(), vma.start());
                    long to = U64.lt(vma.end() - 1, c.hva() + c.size() - 1) ? vma.end() - 1 : c.hva() + c.size() - 1;
                    long g = c.gpa() + (from - c.hva());
                    u0 = Math.min(u0, gpa.toUnit(g));
                    u1 = Math.max(u1, gpa.endUnit(g, to - from + 1));
                }
            }
        } else if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            if (c.size() != 0) {
                u0 = gpa.toUnit(c.gpa());
                u1 = gpa.endUnit(c.gpa(), c.size());
            }
        } else if (ref instanceof Ref.GpaRange r) {
            u0 = gpa.toUnit(r.gpa());
            u1 = gpa.endUnit(r.gpa(), Math.max(1, r.size()));
        } else if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            double u = gpa.toUnit(s.guest().accesses().get(a.index()).gpa());
            u0 = u - POINT;
            u1 = u + POINT;
        }
        return u1 >= u0 ? View.around(u0, u1) : null;
    }
}
