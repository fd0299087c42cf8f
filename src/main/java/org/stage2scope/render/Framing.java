package org.stage2scope.render;

import java.util.List;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The GPA range that frames a Ref ("Zoom to selection"). The HVA lane follows the GPA view, so a VMA
 * is framed through the memslots over it. {@link Layout#frame(Ref)} turns the range into a view.
 */
final class Framing {
    private Framing() {}

    /** Half the width of the window around a point (an access), in units. */
    static final double POINT = 0.002;

    /** GPA [first, last] of {@code ref}, or null when it has no place on the GPA axis. */
    static long[] gpaRange(Ref ref, Scenario s, List<MemslotResult> shownCalls) {
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            long[] hull = null;
            for (MemslotResult m : shownCalls) {
                MemslotCall c = m.call();
                if (m.ok() && U64.lt(c.hva(), vma.end() == 0 ? -1L : vma.end()) && U64.lt(vma.start(), c.hva() + c.size())) {
                    // Only the part of the slot this VMA backs.
                    long from = U64.max(c.hva(), vma.start());
                    long to = U64.lt(vma.end() - 1, c.hva() + c.size() - 1) ? vma.end() - 1 : c.hva() + c.size() - 1;
                    long g = c.gpa() + (from - c.hva());
                    long gl = g + (to - from);
                    hull = hull == null ? new long[] {g, gl} : new long[] {U64.min(hull[0], g), U64.max(hull[1], gl)};
                }
            }
            return hull;
        }
        if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            return c.size() == 0 ? null : new long[] {c.gpa(), U64.lastClipped(c.gpa(), c.size())};
        }
        if (ref instanceof Ref.GpaRange r) {
            long size = Math.max(1, r.size());
            return new long[] {r.gpa(), U64.lastClipped(r.gpa(), size)};
        }
        if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            long g = s.guest().accesses().get(a.index()).gpa();
            return new long[] {g, g};
        }
        return null;
    }
}
