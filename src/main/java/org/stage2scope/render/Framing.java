package org.stage2scope.render;

import java.util.List;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The views that frame a Ref on both axes ("Zoom to selection"), following memslots from one
 * address space to the other.
 *
 * @param gpa the GPA view, or null when the Ref has no place on that axis (keep the current view)
 * @param hva the HVA view, or null likewise
 */
public record Framing(View gpa, View hva) {

    /** Half the width of the window around a point (an access), in units. */
    private static final double POINT = 0.002;

    static Framing of(Ref ref, Scenario s, List<MemslotResult> shownCalls, Axis hvaAxis, Axis gpaAxis) {
        Span g = null;
        Span h = null;
        if (ref instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            h = new Span(hvaAxis.toUnit(vma.start()), hvaAxis.endUnit(vma.start(), vma.size()));
            for (MemslotResult m : shownCalls) {
                MemslotCall c = m.call();
                if (m.ok() && U64.lt(c.hva(), vma.end() == 0 ? -1L : vma.end()) && U64.lt(vma.start(), c.hva() + c.size())) {
                    g = Span.union(g, gpaAxis.toUnit(c.gpa()), gpaAxis.endUnit(c.gpa(), c.size()));
                }
            }
        } else if (ref instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            if (c.size() != 0) {
                g = new Span(gpaAxis.toUnit(c.gpa()), gpaAxis.endUnit(c.gpa(), c.size()));
                h = new Span(hvaAxis.toUnit(c.hva()), hvaAxis.endUnit(c.hva(), c.size()));
            }
        } else if (ref instanceof Ref.GpaRange r) {
            long size = Math.max(1, r.size());
            g = new Span(gpaAxis.toUnit(r.gpa()), gpaAxis.endUnit(r.gpa(), size));
            MemslotCall c = slotOf(r.gpa(), shownCalls);
            if (c != null) {
                long hv = c.hva() + (r.gpa() - c.gpa());
                h = new Span(hvaAxis.toUnit(hv), hvaAxis.endUnit(hv, size));
            }
        } else if (ref instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            long at = s.guest().accesses().get(a.index()).gpa();
            double u = gpaAxis.toUnit(at);
            g = new Span(u - POINT, u + POINT);
            MemslotCall c = slotOf(at, shownCalls);
            if (c != null) {
                double hu = hvaAxis.toUnit(c.hva() + (at - c.gpa()));
                h = new Span(hu - POINT, hu + POINT);
            }
        }
        return new Framing(g == null ? null : View.around(g.u0, g.u1), h == null ? null : View.around(h.u0, h.u1));
    }

    /** A stretch of an axis in units. */
    private record Span(double u0, double u1) {
        static Span union(Span a, double u0, double u1) {
            return a == null ? new Span(u0, u1) : new Span(Math.min(a.u0, u0), Math.max(a.u1, u1));
        }
    }

    /** The accepted memslot in effect that holds a GPA, or null. */
    private static MemslotCall slotOf(long at, List<MemslotResult> shownCalls) {
        for (MemslotResult m : shownCalls) {
            MemslotCall c = m.call();
            if (m.ok() && U64.le(c.gpa(), at) && U64.lt(at - c.gpa(), c.size())) {
                return c;
            }
        }
        return null;
    }
}
