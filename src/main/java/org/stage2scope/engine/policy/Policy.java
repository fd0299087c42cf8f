package org.stage2scope.engine.policy;

import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;

/**
 * A cacheable-PFNMAP proposal as data (shared/domain/policies.md). The proposals differ only here:
 * which bit-3 flag (if any) check_memory_region_flags accepts, the VM_PFNMAP memslot check, and the
 * device-PFNMAP fault branch. Everything else in the engine is policy-blind.
 *
 * @param bit3Flag            the flag this proposal gives bit 3, or null when bit 3 is unknown (-EINVAL)
 * @param bit3NeedsSupport    the flag is valid only when kvm_supports_cacheable_pfnmap() (v6's weak hook)
 * @param slotCheck           policy part of the VM_PFNMAP check in kvm_arch_prepare_memory_region
 * @param faultRule           device-PFNMAP branch of user_mem_abort
 */
public record Policy(PolicyId id, MemslotFlag bit3Flag, boolean bit3NeedsSupport, SlotCheck slotCheck, FaultRule faultRule) {

    public static Policy of(PolicyId id) {
        return switch (id) {
            case PRE_6_17 -> new Policy(id, null, false, SlotCheck.NONE, FaultRule.ALWAYS_NONCACHEABLE);
            case UPSTREAM -> new Policy(id, null, false, SlotCheck.CACHEABLE_NEEDS_SUPPORT, FaultRule.PGPROT_DECIDES);
            case V6_ENABLE_FLAG -> new Policy(id, MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP, true,
                    SlotCheck.ENABLE_FLAG_REQUIRED, FaultRule.PGPROT_DECIDES);
            case FORCE_FLAG -> new Policy(id, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP, false,
                    SlotCheck.FORCE_ONE_SIDED, FaultRule.PGPROT_DECIDES);
            case FORCE_FLAG_STRICT -> new Policy(id, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP, true,
                    SlotCheck.FORCE_STRICT, FaultRule.PGPROT_DECIDES);
        };
    }
}
