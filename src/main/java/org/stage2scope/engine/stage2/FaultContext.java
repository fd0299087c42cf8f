package org.stage2scope.engine.stage2;

import java.util.Set;
import org.stage2scope.engine.memslot.ActiveSlot;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;

/**
 * What a stage-2 fault looks at: the host, the VM, the policy, the memslot and the VMA at the HVA
 * (null for a hole), with the VMA's poisoned pages (page-aligned HVAs).
 */
record FaultContext(Host host, Vm vm, Policy policy, ActiveSlot slot, Vma vma, Set<Long> poisonedPages) {

    long pageSize() {
        return host.pageSize().pageSize();
    }

    long pmdSize() {
        return host.pageSize().pmdSize();
    }

    long pudSize() {
        return host.pageSize().pudSize();
    }

    boolean logging() {
        return slot.has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES);
    }

    boolean readonlySlot() {
        return slot.has(MemslotFlag.KVM_MEM_READONLY);
    }

    boolean gmem() {
        return slot.has(MemslotFlag.KVM_MEM_GUEST_MEMFD);
    }

    long hvaOf(long gpa) {
        return slot.hva() + (gpa - slot.gpa());
    }

    long gpaOf(long hva) {
        return slot.gpa() + (hva - slot.hva());
    }

    boolean poisoned(long hva) {
        return !poisonedPages.isEmpty() && poisonedPages.contains(U64.alignDown(hva, pageSize()));
    }

    /**
     * The PA behind an HVA of the VMA (get_vma_page_shift: vm_pgoff plus the offset into the VMA).
     * Null when the scenario does not say; callers then assume the HVA's offset.
     */
    Long pa(long hva) {
        Long base = vma.backing().pa();
        return base == null ? null : base + (hva - vma.start());
    }

    /**
     * fault_supports_stage2_huge_mapping: the memslot's GPA and HVA share their offset inside the
     * block, and the aligned block lies inside the memslot's HVA range.
     */
    boolean slotFits(long hva, long mapSize) {
        if (mapSize == pageSize()) {
            return true;
        }
        long mask = mapSize - 1;
        if ((slot.gpa() & mask) != (slot.hva() & mask)) {
            return false;
        }
        long blockStart = U64.alignDown(hva, mapSize);
        long slotLast = U64.last(slot.hva(), slot.size());
        return U64.le(slot.hva(), blockStart) && U64.fits(blockStart, mapSize)
                && U64.le(U64.last(blockStart, mapSize), slotLast);
    }
}
