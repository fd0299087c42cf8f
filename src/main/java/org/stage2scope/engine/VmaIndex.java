package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stage2scope.engine.stage2.S2Rules;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The VMM's VMAs as disjoint HVA segments, shared by the memslot walk (find_vma_intersection in
 * kvm_arch_prepare_memory_region) and the fault path (vma_lookup in user_mem_abort), so both always
 * agree on which VMA backs an HVA. A real mm never has overlapping VMAs; a scenario may, and then the
 * first listed VMA wins and a finding says so.
 */
public final class VmaIndex {
    private final List<Vma> vmas;
    private final List<Intervals.Seg> segs;
    private final List<Finding> findings = new ArrayList<>();

    public VmaIndex(List<Vma> vmas) {
        this.vmas = List.copyOf(vmas);
        int n = vmas.size();
        long[] first = new long[n];
        long[] last = new long[n];
        int[] prio = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = vmas.get(i).start();
            last[i] = U64.last(vmas.get(i).start(), vmas.get(i).size());
            prio[i] = i;
        }
        this.segs = Intervals.flatten(first, last, prio);
        findOverlaps(first, last);
    }

    private void findOverlaps(long[] first, long[] last) {
        Integer[] order = new Integer[first.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(first[a], first[b]));
        int reach = -1;
        int reported = 0;
        for (int k = 0; k < order.length && reported < 20; k++) {
            int i = order[k];
            if (reach >= 0 && U64.le(first[i], last[reach])) {
                Vma a = vmas.get(Math.min(i, reach));
                Vma b = vmas.get(Math.max(i, reach));
                findings.add(new Finding(Severity.WARNING, S2Rules.VMA_OVERLAP, "VMAs " + a.name() + " and " + b.name()
                        + " overlap at HVA " + U64.hex(first[i]) + "; a process never has overlapping VMAs, so the engine uses "
                        + a.name() + " (listed first) where they overlap", new Ref.Vma(Math.max(i, reach))));
                reported++;
            }
            if (reach < 0 || U64.lt(last[reach], last[i])) {
                reach = i;
            }
        }
    }

    public Vma vma(int index) {
        return vmas.get(index);
    }

    /** The HVA interval cut by VMA: owner is the VMA's index, -1 for a hole. */
    public List<Intervals.Seg> cover(long first, long last) {
        return Intervals.cover(segs, first, last);
    }

    /** The VMA vma_lookup finds at an HVA, or -1. */
    public int lookup(long hva) {
        int i = Intervals.firstEndingAtOrAfter(segs, hva);
        return i < segs.size() && segs.get(i).contains(hva) ? segs.get(i).owner() : -1;
    }

    /** Page-aligned poisoned HVAs of a VMA, sorted unsigned, without duplicates. */
    public long[] poisonedPages(int index, long pageSize) {
        List<Long> raw = vmas.get(index).backing().poisoned();
        if (raw.isEmpty()) {
            return new long[0];
        }
        return raw.stream().mapToLong(h -> U64.alignDown(h, pageSize)).distinct()
                .boxed().sorted(Long::compareUnsigned).mapToLong(Long::longValue).toArray();
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }
}
