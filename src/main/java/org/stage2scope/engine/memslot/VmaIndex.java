package org.stage2scope.engine.memslot;

import java.util.Arrays;
import java.util.List;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * The VMM's VMAs sorted by start, built once per replay, answering find_vma_intersection in
 * O(log n). Like an mm's VMA tree it assumes the VMAs do not overlap.
 */
final class VmaIndex {
    private final Vma[] sorted;

    VmaIndex(List<Vma> vmas) {
        sorted = vmas.toArray(new Vma[0]);
        Arrays.sort(sorted, (a, b) -> U64.compare(a.start(), b.start()));
    }

    /** find_vma_intersection(mm, start, end): the lowest VMA with vm_end > start and vm_start < end. */
    Vma firstIntersecting(long start, long end) {
        int lo = 0;
        int hi = sorted.length - 1;
        int atOrBelow = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (U64.le(sorted[mid].start(), start)) {
                atOrBelow = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (atOrBelow >= 0 && U64.le(start, U64.last(sorted[atOrBelow].start(), sorted[atOrBelow].size()))) {
            return sorted[atOrBelow];
        }
        int next = atOrBelow + 1;
        if (next < sorted.length && U64.lt(sorted[next].start(), end)) {
            return sorted[next];
        }
        return null;
    }
}
