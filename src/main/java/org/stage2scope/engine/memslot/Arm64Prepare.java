package org.stage2scope.engine.memslot;

import org.stage2scope.engine.Intervals;
import org.stage2scope.engine.VmaIndex;

import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * arm64 kvm_arch_prepare_memory_region (Linux 6.17+): the IPA-size bound, then a walk over every VMA
 * that intersects the slot's host range. Runs for CREATE, MOVE and FLAGS_ONLY; DELETE returns at once.
 *
 * <p>Linux 6.18 also refuses a guest_memfd slot whose guest_memfd is not "gmem-only" (created without
 * mmap support). Scenarios do not describe how the guest_memfd was created; the model assumes the
 * mmap-able kind, the only one arm64 accepts, and says so in the explanation.
 */
final class Arm64Prepare implements ArchPrepare {
    private final Vm vm;
    private final Policy policy;
    private final boolean hostSupport;
    private final long pageSize;
    private final VmaIndex vmas;

    Arm64Prepare(Scenario scenario, Policy policy, VmaIndex vmas) {
        this.vm = scenario.vm();
        this.policy = policy;
        this.hostSupport = GenericChecks.hostSupportsCacheablePfnmap(scenario.host());
        this.pageSize = scenario.host().pageSize().pageSize();
        this.vmas = vmas;
    }

    @Override
    public Prepared prepare(ChangeKind change, MemslotCall c) {
        if (change != ChangeKind.CREATE && change != ChangeKind.MOVE && change != ChangeKind.FLAGS_ONLY) {
            return Prepared.ok();
        }
        Refusal r = ipaSize(c);
        if (r != null) {
            return Prepared.refused(r);
        }
        return walkVmas(c);
    }

    /** base_gfn + npages > kvm_phys_size >> PAGE_SHIFT: the slot ends beyond the VM's IPA space. */
    private Refusal ipaSize(MemslotCall c) {
        long ipaLimit = 1L << vm.ipaBits();
        long endGfn = Long.divideUnsigned(c.gpa(), pageSize) + Long.divideUnsigned(c.size(), pageSize);
        if (endGfn <= ipaLimit / pageSize) {
            return null;
        }
        return new Refusal(Errno.EFAULT, MemslotRules.ARM64_IPA_SIZE, () -> "kvm_arch_prepare_memory_region (arm64) refuses "
                + Describe.call(c) + " with -EFAULT: the slot ends at " + U64.hex(c.gpa() + c.size())
                + ", beyond the VM's " + vm.ipaBits() + "-bit IPA space (kvm_phys_size = " + U64.hex(ipaLimit)
                + ", set by KVM_VM_TYPE_ARM_IPA_SIZE).");
    }

    private Prepared walkVmas(MemslotCall c) {
        // find_vma_intersection walk over [hva, hva + size); access_ok already refused a wrapping range.
        int seen = 0;
        int pfnmaps = 0;
        boolean holes = false;
        java.util.BitSet visited = new java.util.BitSet();
        for (Intervals.Seg part : vmas.cover(c.hva(), U64.last(c.hva(), c.size()))) {
            if (part.owner() < 0) {
                holes = true;
                continue;
            }
            if (visited.get(part.owner())) {
                continue;
            }
            visited.set(part.owner());
            Vma vma = vmas.vma(part.owner());
            seen++;
            Refusal r = checkVma(c, vma);
            if (r != null) {
                return Prepared.refused(r);
            }
            if (vma.has(VmFlag.VM_PFNMAP)) {
                pfnmaps++;
            }
        }
        int walked = seen;
        int pfnmapped = pfnmaps;
        boolean skipped = holes;
        return Prepared.ok(() -> {
            StringBuilder note = new StringBuilder("kvm_arch_prepare_memory_region (arm64) found the slot inside the ")
                    .append(vm.ipaBits()).append("-bit IPA space and walked ").append(walked).append(" VMA(s) over HVA ")
                    .append(Describe.range(c.hva(), c.size())).append(", ").append(pfnmapped).append(" of them VM_PFNMAP, none refused");
            if (skipped) {
                note.append("; parts of the range have no VMA, which the hook skips: a guest access there fails at fault time");
            }
            if (c.has(MemslotFlag.KVM_MEM_GUEST_MEMFD)) {
                note.append("; the guest_memfd is assumed mmap-able (gmem-only), as Linux 6.18 requires on arm64");
            }
            return note.append('.').toString();
        });
    }

    /** The per-VMA checks in the hook's order: MTE on any VMA, then the VM_PFNMAP rules. */
    private Refusal checkVma(MemslotCall c, Vma vma) {
        if (vm.mte() && !vma.has(VmFlag.VM_MTE_ALLOWED)) {
            return Refusal.einval(MemslotRules.ARM64_MTE, () -> "kvm_arch_prepare_memory_region (arm64) refuses " + Describe.call(c)
                    + ": the VM has MTE enabled (KVM_CAP_ARM_MTE) and " + where(vma)
                    + " lacks VM_MTE_ALLOWED, so the guest could not keep tags in it (kvm_vma_mte_allowed is false).");
        }
        if (!vma.has(VmFlag.VM_PFNMAP)) {
            return null;
        }
        if (c.has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)) {
            return Refusal.einval(MemslotRules.ARM64_PFNMAP_DIRTY_LOG, () -> "kvm_arch_prepare_memory_region (arm64) refuses "
                    + Describe.call(c) + ": KVM_MEM_LOG_DIRTY_PAGES is set and " + where(vma)
                    + " is VM_PFNMAP; dirty logging of IO regions is not allowed.");
        }
        boolean cacheable = vma.memType().cacheable();
        boolean flag = FlagBits.bit3Name(c.flags()) != null;
        String reason = policy.slotCheck().refusal(cacheable, hostSupport, flag);
        if (reason == null) {
            return null;
        }
        return Refusal.einval(MemslotRules.ARM64_PFNMAP_POLICY, () -> "kvm_arch_prepare_memory_region (arm64) under policy "
                + policy.id().id() + " refuses " + Describe.call(c) + " over VM_PFNMAP " + where(vma) + ": " + reason
                + " (kvm_vma_is_cacheable = " + cacheable + " for " + vma.memType().id()
                + ", kvm_supports_cacheable_pfnmap = " + hostSupport + ", bit-3 flag " + (flag ? "set" : "clear") + ").");
    }

    private static String where(Vma vma) {
        return "VMA " + vma.name() + " " + Describe.range(vma.start(), vma.size());
    }
}
