package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/**
 * The HVA lane follows the GPA view: whatever GPA slice is in view, the parts of the memslots that
 * intersect it are mapped back to host addresses (HVA = userspace_addr + (GPA - base_gfn's address),
 * as __gfn_to_hva_memslot does), and the HVA view is exactly the hull of those host ranges. So the
 * VMA lane shows what backs the visible guest memory, and a connector joins a slot's visible GPA
 * part to the host range that backs that very part. At fit the HVA view is the whole host axis.
 */
final class Coupling {

    /** The part of one memslot call that is in view, in both address spaces. */
    record Part(MemslotResult call, long gpa, long hva, long size) {}

    private final List<Part> parts;
    private final View hvaView;

    private Coupling(List<Part> parts, View hvaView) {
        this.parts = parts;
        this.hvaView = hvaView;
    }

    List<Part> parts() {
        return parts;
    }

    /** The HVA view: the hull of the visible parts' host ranges (everything at fit, or when no slot is in view). */
    View hvaView() {
        return hvaView;
    }

    static Coupling of(View gpaView, Axis gpa, Axis hva, List<MemslotResult> shown) {
        List<Part> parts = new ArrayList<>();
        double h0 = Double.MAX_VALUE;
        double h1 = -Double.MAX_VALUE;
        for (MemslotResult m : shown) {
            MemslotCall c = m.call();
            // A refused call whose GPA + size wraps past 2^64 is drawn up to the top of the space: it has a
            // connector and its errno a label, instead of vanishing from the picture.
            long size = U64.clippedSize(c.gpa(), c.size());
            double u0 = gpa.toUnit(c.gpa());
            double u1 = gpa.endUnit(c.gpa(), size);
            if (u1 <= gpaView.u0() || u0 >= gpaView.u1()) {
                continue;
            }
            // The view's right edge is where its exclusive end lies: the part ends at the last byte before it.
            long first = u0 >= gpaView.u0() ? c.gpa() : clamp(gpa.firstAt(gpaView.u0()), c);
            long last = u1 <= gpaView.u1() ? U64.lastClipped(c.gpa(), c.size()) : clamp(gpa.lastBefore(gpaView.u1()), c);
            if (U64.lt(last, first)) {
                continue;
            }
            long partSize = last - first + 1;
            long hv = c.hva() + (first - c.gpa());
            parts.add(new Part(m, first, hv, partSize));
            // A refused call counts too: its ghost connector points at the VMA behind the refusal (the GPU
            // usemem VMA behind an EINVAL), which must be on the slide, not cut off at the lane's edge.
            h0 = Math.min(h0, hva.toUnit(hv));
            h1 = Math.max(h1, hva.endUnit(hv, partSize));
        }
        // Fit all shows every VMA whole: the hull of the slots would cut a VMA larger than what its slots
        // map ("7 GiB of 8 GiB" at fit) and drop VMAs that back no slot at all.
        boolean all = gpaView.u0() <= 0 && gpaView.u1() >= 1;
        View hv = !all && h1 > h0 ? new View(h0, h1) : View.ALL;
        return new Coupling(List.copyOf(parts), hv);
    }

    private static long clamp(long addr, MemslotCall c) {
        if (U64.lt(addr, c.gpa())) {
            return c.gpa();
        }
        long last = U64.lastClipped(c.gpa(), c.size()); // a call that wraps past 2^64 reaches the top
        return U64.lt(last, addr) ? last : addr;
    }

    /**
     * True when [start, start+size) overlaps the host range of a slot part in view, accepted or refused:
     * a refused call's ghost connector points at its VMA, and that VMA is the story of the refusal
     * (the GPU usemem VMA behind an EINVAL must keep its name on the slide).
     */
    boolean backsVisibleSlot(long start, long size) {
        if (size == 0) {
            return false;
        }
        long last = U64.last(start, size);
        for (Part p : parts) {
            if (U64.le(p.hva(), last) && U64.le(start, U64.last(p.hva(), p.size()))) {
                return true;
            }
        }
        return false;
    }
}
