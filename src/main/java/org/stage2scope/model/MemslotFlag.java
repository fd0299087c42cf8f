package org.stage2scope.model;

/**
 * {@code kvm_userspace_memory_region2.flags} bits. Bit 3 was only ever proposed, by two different
 * series (see policies.md); mainline rejects it as an unknown flag.
 */
public enum MemslotFlag implements Named {
    KVM_MEM_LOG_DIRTY_PAGES(0),
    KVM_MEM_READONLY(1),
    KVM_MEM_GUEST_MEMFD(2),
    /** Patch v6 3/5 (2025), policy v6-enable-flag. */
    KVM_MEM_ENABLE_CACHEABLE_PFNMAP(3),
    /** The FORCE variant from the review thread, policies force-flag and force-flag-strict. */
    KVM_MEM_FORCE_CACHEABLE_PFNMAP(3);

    private final int bit;

    MemslotFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public String id() {
        return name();
    }

    public int bit() {
        return bit;
    }
}
