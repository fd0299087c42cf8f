package org.stage2scope.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Who belongs with the selected item in the other lanes, through the memslots in force at the end
 * (the same slots the connectors draw): a VMA's slots and the GPA they map, a slot's VMAs and GPA,
 * a stage-2/effective range's slots and their VMAs, the ranges an access hits. The HVA-to-GPA
 * translation is the one __gfn_to_hva_memslot inverts: gpa = base_gfn + (hva - userspace_addr).
 *
 * @param items  VMAs and memslot calls to outline
 * @param ranges GPA ranges whose stage-2 and effective bands are outlined
 */
record Partners(Set<Ref> items, List<Ref.GpaRange> ranges) {
    static final Partners NONE = new Partners(Set.of(), List.of());

    static Partners of(Evaluation ev, Ref selected) {
        List<MemslotResult> live = Connectors.shownCalls(ev.memslotCalls()).stream().filter(MemslotResult::ok).toList();
        List<Vma> vmas = ev.scenario().vmas();
        Set<Ref> items = new LinkedHashSet<>();
        List<Ref.GpaRange> ranges = new ArrayList<>();
        if (selected instanceof Ref.Vma v && v.index() < vmas.size()) {
            Vma vma = vmas.get(v.index());
            for (MemslotResult r : live) {
                MemslotCall c = r.call();
                long lo = U64.max(vma.start(), c.hva());
                long hi = U64.min(U64.last(vma.start(), vma.size()), U64.last(c.hva(), c.size()));
                if (overlaps(vma.start(), vma.size(), c.hva(), c.size())) {
                    items.add(new Ref.MemslotCall(r.index()));
                    ranges.add(new Ref.GpaRange(c.gpa() + (lo - c.hva()), hi - lo + 1));
                }
            }
        } else if (selected instanceof Ref.MemslotCall m && m.index() < ev.memslotCalls().size()) {
            MemslotResult r = ev.memslotCalls().get(m.index());
            MemslotCall c = r.call();
            vmasOver(vmas, c.hva(), c.size(), items);
            if (r.ok() && c.size() != 0) {
                ranges.add(new Ref.GpaRange(c.gpa(), c.size()));
            }
        } else if (selected instanceof Ref.GpaRange g && g.size() != 0) {
            for (MemslotResult r : live) {
                MemslotCall c = r.call();
                if (overlaps(g.gpa(), g.size(), c.gpa(), c.size())) {
                    items.add(new Ref.MemslotCall(r.index()));
                    long lo = U64.max(g.gpa(), c.gpa());
                    long hi = U64.min(U64.last(g.gpa(), g.size()), U64.last(c.gpa(), c.size()));
                    vmasOver(vmas, c.hva() + (lo - c.gpa()), hi - lo + 1, items);
                }
            }
            ranges.add(g);
        } else if (selected instanceof Ref.Access a && a.index() < ev.accesses().size()) {
            ranges.add(new Ref.GpaRange(ev.accesses().get(a.index()).access().gpa(), 1));
        }
        items.remove(selected);
        return new Partners(Set.copyOf(items), List.copyOf(ranges));
    }

    private static void vmasOver(List<Vma> vmas, long hva, long size, Set<Ref> out) {
        for (int i = 0; i < vmas.size(); i++) {
            if (size != 0 && overlaps(vmas.get(i).start(), vmas.get(i).size(), hva, size)) {
                out.add(new Ref.Vma(i));
            }
        }
    }

    private static boolean overlaps(long a, long aSize, long b, long bSize) {
        return aSize != 0 && bSize != 0 && U64.le(a, U64.last(b, bSize)) && U64.le(b, U64.last(a, aSize));
    }

    /** True when a GPA band [gpa, gpa + size) meets one of the partner ranges. */
    boolean touches(long gpa, long size) {
        for (Ref.GpaRange g : ranges) {
            if (overlaps(g.gpa(), g.size(), gpa, size)) {
                return true;
            }
        }
        return false;
    }
}
