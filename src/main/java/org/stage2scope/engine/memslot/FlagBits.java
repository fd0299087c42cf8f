package org.stage2scope.engine.memslot;

import java.util.Set;
import org.stage2scope.model.MemslotFlag;

/** kvm_userspace_memory_region2.flags as the kernel sees it: bits, not names. */
final class FlagBits {
    static final int LOG_DIRTY_PAGES = 1;
    static final int READONLY = 1 << 1;
    static final int GUEST_MEMFD = 1 << 2;
    /** The bit both cacheable-PFNMAP proposals claimed; mainline leaves it undefined. */
    static final int BIT3 = 1 << 3;

    private FlagBits() {}

    static int of(Set<MemslotFlag> flags) {
        int bits = 0;
        for (MemslotFlag f : flags) {
            bits |= 1 << f.bit();
        }
        return bits;
    }

    /** The bit-3 flag name the scenario used, or null when bit 3 is clear. */
    static MemslotFlag bit3Name(Set<MemslotFlag> flags) {
        if (flags.contains(MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP)) {
            return MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP;
        }
        return flags.contains(MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP) ? MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP : null;
    }
}
