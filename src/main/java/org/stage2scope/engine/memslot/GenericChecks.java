package org.stage2scope.engine.memslot;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.U64;

/**
 * The architecture-independent checks of a KVM_SET_USER_MEMORY_REGION2 call that run before the
 * slot table is consulted, one method per check, in the order of kvm_vm_ioctl_set_memory_region
 * and kvm_set_memory_region (virt/kvm/kvm_main.c). Each returns null to pass or the refusal.
 */
final class GenericChecks {
    private final Host host;
    private final Policy policy;
    private final KvmLimits limits;
    private final long pageSize;

    GenericChecks(Host host, Policy policy) {
        this.host = host;
        this.policy = policy;
        this.limits = KvmLimits.of(host);
        this.pageSize = host.pageSize().pageSize();
    }

    KvmLimits limits() {
        return limits;
    }

    /** All checks up to (not including) the slot-table lookup, in the kernel's order. */
    Refusal firstRefusal(MemslotCall c) {
        Refusal r = slotId(c);
        if (r == null) r = flags(c);
        if (r == null) r = sizeAligned(c);
        if (r == null) r = gpaAligned(c);
        if (r == null) r = hvaAligned(c);
        if (r == null) r = hvaIsUser(c);
        if (r == null) r = guestMemfdOffset(c);
        if (r == null) r = addressSpace(c);
        if (r == null) r = gpaWrap(c);
        if (r == null) r = maxPages(c);
        return r;
    }

    /** kvm_vm_ioctl_set_memory_region refuses ids userspace may not use before taking slots_lock. */
    Refusal slotId(MemslotCall c) {
        if (c.slot() < limits.userMemSlots()) {
            return null;
        }
        return Refusal.einval(MemslotRules.ID_RANGE, () -> "kvm_vm_ioctl_set_memory_region refuses " + Describe.call(c)
                + ": slot id " + c.slot() + " is at or above KVM_USER_MEM_SLOTS (" + limits.userMemSlots() + " on "
                + host.arch().id() + (host.arch().isX86() && limits.userMemSlots() == KvmLimits.KVM_MEM_SLOTS_NUM - 3
                ? ", where 3 of the " + KvmLimits.KVM_MEM_SLOTS_NUM + " slots are KVM-internal" : "")
                + "), before any other check runs; KVM_CAP_NR_MEMSLOTS reports " + limits.userMemSlots() + source() + ".");
    }

    /** Where the host's KVM values came from, for explanations: a probed kernel or the upstream defaults. */
    private String source() {
        String release = host.kvm().release();
        return release.isEmpty() ? "" : " (probed on Linux " + release + ")";
    }

    /** kvm_supports_cacheable_pfnmap() on arm64: FEAT_S2FWB and CTR_EL0.DIC. */
    static boolean hostSupportsCacheablePfnmap(Host host) {
        return host.arch() == Arch.ARM64 && host.has(CpuFeature.FWB) && host.has(CpuFeature.DIC);
    }

    /**
     * check_memory_region_flags. READONLY is valid where kvm_arch_has_readonly_mem() and GUEST_MEMFD
     * where kvm_arch_supports_gmem(); the host's KVM_CAP_READONLY_MEM and KVM_CAP_GUEST_MEMFD say which.
     * Upstream 6.18 accepts both for a default VM on arm64 and x86-64 (both select CONFIG_KVM_GUEST_MEMFD).
     */
    Refusal flags(MemslotCall c) {
        int bits = FlagBits.of(c.flags());
        int valid = FlagBits.LOG_DIRTY_PAGES;
        boolean gmem = (bits & FlagBits.GUEST_MEMFD) != 0;
        if (host.kvm().guestMemfd()) {
            valid |= FlagBits.GUEST_MEMFD;
        }
        if (gmem) {
            valid &= ~FlagBits.LOG_DIRTY_PAGES;
        } else if (host.kvm().readonlyMem()) {
            valid |= FlagBits.READONLY;
        }
        if (bit3Valid()) {
            valid |= FlagBits.BIT3;
        }
        int invalid = bits & ~valid;
        if (invalid == 0) {
            return null;
        }
        return Refusal.einval(MemslotRules.FLAGS_INVALID, () -> "check_memory_region_flags refuses " + Describe.call(c)
                + " with flags " + Describe.flags(c.flags()) + " (0x" + Integer.toHexString(bits) + "): "
                + String.join("; ", invalidFlags(c, invalid)) + ".");
    }

    /** Why each of the {@code invalid} bits is not in check_memory_region_flags' valid mask. */
    private List<String> invalidFlags(MemslotCall c, int invalid) {
        List<String> why = new ArrayList<>();
        if ((invalid & FlagBits.LOG_DIRTY_PAGES) != 0) {
            why.add("KVM_MEM_LOG_DIRTY_PAGES is dropped from the valid flags when KVM_MEM_GUEST_MEMFD is set "
                    + "(dirty logging of guest_memfd memory is not supported)");
        }
        if ((invalid & FlagBits.READONLY) != 0) {
            why.add(!host.kvm().readonlyMem()
                    ? "KVM_MEM_READONLY is not valid on this host: KVM_CAP_READONLY_MEM is 0" + source()
                    + " (kvm_arch_has_readonly_mem() is false, as for VMs with protected state)"
                    : "KVM_MEM_READONLY is never valid with KVM_MEM_GUEST_MEMFD (writes to a read-only slot are "
                    + "emulated MMIO, which private memory cannot have)");
        }
        if ((invalid & FlagBits.GUEST_MEMFD) != 0) {
            why.add("KVM_MEM_GUEST_MEMFD is not valid on this host: KVM_CAP_GUEST_MEMFD is 0" + source()
                    + " (kvm_arch_supports_gmem() is false for this VM)");
        }
        if ((invalid & FlagBits.BIT3) != 0) {
            why.add(bit3Refusal(c));
        }
        return why;
    }

    private boolean bit3Valid() {
        if (policy.bit3Flag() == null || host.arch() != Arch.ARM64) {
            return false;
        }
        return !policy.bit3NeedsSupport() || hostSupportsCacheablePfnmap(host);
    }

    private String bit3Refusal(MemslotCall c) {
        MemslotFlag named = FlagBits.bit3Name(c.flags());
        String reason;
        if (policy.bit3Flag() == null) {
            reason = "bit 3 is undefined under policy " + policy.id().id() + " (mainline never defined it)";
        } else if (host.arch().isX86()) {
            reason = policy.bit3NeedsSupport() && policy.bit3Flag() == MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP
                    ? "bit 3 (" + policy.bit3Flag().name() + ") is invalid on x86: v6's weak kvm_arch_supports_cacheable_pfnmap() returns false there"
                    : "bit 3 (" + policy.bit3Flag().name() + ") was only ever proposed for arm64; x86 has no such flag";
        } else {
            reason = "bit 3 (" + policy.bit3Flag().name() + ") is valid only when kvm_supports_cacheable_pfnmap(), and this host lacks "
                    + missingSupport();
        }
        if (named != null && named != policy.bit3Flag() && policy.bit3Flag() != null) {
            reason += "; the scenario names " + named.name() + ", but the kernel sees only bit 3, which this policy calls "
                    + policy.bit3Flag().name();
        }
        return reason;
    }

    private String missingSupport() {
        boolean fwb = host.has(CpuFeature.FWB);
        boolean dic = host.has(CpuFeature.DIC);
        if (!fwb && !dic) {
            return "FEAT_S2FWB and CTR_EL0.DIC";
        }
        return fwb ? "CTR_EL0.DIC" : "FEAT_S2FWB";
    }

    Refusal sizeAligned(MemslotCall c) {
        if (U64.isAligned(c.size(), pageSize)) {
            return null;
        }
        return Refusal.einval(MemslotRules.SIZE_UNALIGNED, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": memory_size " + U64.hex(c.size()) + " is not a multiple of PAGE_SIZE (" + U64.human(pageSize) + ").");
    }

    Refusal gpaAligned(MemslotCall c) {
        if (U64.isAligned(c.gpa(), pageSize)) {
            return null;
        }
        return Refusal.einval(MemslotRules.GPA_UNALIGNED, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": guest_phys_addr " + U64.hex(c.gpa()) + " is not aligned to PAGE_SIZE (" + U64.human(pageSize) + ").");
    }

    Refusal hvaAligned(MemslotCall c) {
        if (U64.isAligned(c.hva(), pageSize)) {
            return null;
        }
        return Refusal.einval(MemslotRules.HVA_UNALIGNED, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": userspace_addr " + U64.hex(c.hva()) + " is not aligned to PAGE_SIZE (" + U64.human(pageSize) + ").");
    }

    /**
     * access_ok(userspace_addr, memory_size): size <= limit && addr <= limit - size. A tagged
     * pointer (untagged_addr() != addr on arm64) also lies above the limit, so one test covers both.
     */
    Refusal hvaIsUser(MemslotCall c) {
        long limit = host.userAddressLimit();
        if (U64.le(c.size(), limit) && U64.le(c.hva(), limit - c.size())) {
            return null;
        }
        String end = U64.addOverflows(c.hva(), c.size()) ? "wraps past 2^64" : "ends at " + U64.hex(c.hva() + c.size());
        return Refusal.einval(MemslotRules.HVA_NOT_USER, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": access_ok() fails because the host range starting at " + U64.hex(c.hva()) + " " + end
                + ", above the top of the user address space " + U64.hex(limit) + " (" + host.vaBits() + "-bit user VA"
                + (host.arch().isX86() ? ", less the guard page below TASK_SIZE_MAX" : "") + ").");
    }

    Refusal guestMemfdOffset(MemslotCall c) {
        if (!c.has(MemslotFlag.KVM_MEM_GUEST_MEMFD)) {
            return null;
        }
        long off = c.guestMemfdOffset();
        if (!U64.isAligned(off, pageSize)) {
            return Refusal.einval(MemslotRules.GMEM_OFFSET, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                    + ": guest_memfd_offset " + U64.hex(off) + " is not aligned to PAGE_SIZE (" + U64.human(pageSize) + ").");
        }
        if (U64.addOverflows(off, c.size())) {
            return Refusal.einval(MemslotRules.GMEM_OFFSET, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                    + ": guest_memfd_offset " + U64.hex(off) + " + memory_size " + U64.hex(c.size()) + " wraps past 2^64.");
        }
        return null;
    }

    /** The id half of this test (id >= KVM_MEM_SLOTS_NUM) cannot fire: the ioctl entry already refused it. */
    Refusal addressSpace(MemslotCall c) {
        if (c.addressSpace() < limits.addressSpaces()) {
            return null;
        }
        return Refusal.einval(MemslotRules.AS_ID_RANGE, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": address space " + c.addressSpace() + " (slot >> 16) is not below kvm_arch_nr_memslot_as_ids() = "
                + limits.addressSpaces() + " on " + host.arch().id() + source()
                + (host.arch().isX86() && limits.addressSpaces() > 1 ? " (address space 1 is System Management Mode)"
                : host.arch().isX86() ? " (KVM_CAP_MULTI_ADDRESS_SPACE is 1: a kernel built without CONFIG_KVM_SMM, or a VM"
                + " type with private memory, has no SMM address space)" : "") + ".");
    }

    Refusal gpaWrap(MemslotCall c) {
        if (!U64.addOverflows(c.gpa(), c.size())) {
            return null;
        }
        return Refusal.einval(MemslotRules.GPA_WRAP, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": guest_phys_addr " + U64.hex(c.gpa()) + " + memory_size " + U64.hex(c.size()) + " wraps past 2^64.");
    }

    Refusal maxPages(MemslotCall c) {
        long pages = U64.divide(c.size(), pageSize);
        if (U64.le(pages, KvmLimits.KVM_MEM_MAX_NR_PAGES)) {
            return null;
        }
        return Refusal.einval(MemslotRules.PAGES_MAX, () -> "kvm_set_memory_region refuses " + Describe.call(c)
                + ": " + U64.decimal(pages) + " pages of " + U64.human(pageSize) + " exceed KVM_MEM_MAX_NR_PAGES ("
                + KvmLimits.KVM_MEM_MAX_NR_PAGES + "), the limit that keeps dirty-bitmap indices in an unsigned int.");
    }
}
