package org.stage2scope.engine.memslot;

import org.stage2scope.model.Host;
import org.stage2scope.model.KvmCaps;

/**
 * The limits that bound a memslot call, from the scenario's host (KvmCaps: probed from a real kernel,
 * or the upstream defaults of include/linux/kvm_host.h and arch/x86/include/asm/kvm_host.h).
 *
 * @param userMemSlots  KVM_USER_MEM_SLOTS = KVM_MEM_SLOTS_NUM (SHRT_MAX) - KVM_INTERNAL_MEM_SLOTS
 * @param addressSpaces kvm_arch_nr_memslot_as_ids(kvm)
 */
record KvmLimits(int userMemSlots, int addressSpaces) {
    static final int KVM_MEM_SLOTS_NUM = KvmCaps.MEM_SLOTS_NUM;
    /** KVM_MEM_MAX_NR_PAGES on 64-bit: dirty bitmaps are indexed with an unsigned int. */
    static final long KVM_MEM_MAX_NR_PAGES = (1L << 31) - 1;

    static KvmLimits of(Host host) {
        return new KvmLimits(host.kvm().userMemSlots(), host.kvm().addressSpaces());
    }
}
