package org.stage2scope.engine.memslot;

import org.stage2scope.model.Arch;

/**
 * The per-architecture constants of include/linux/kvm_host.h that bound a memslot call.
 *
 * @param userMemSlots  KVM_USER_MEM_SLOTS = KVM_MEM_SLOTS_NUM (SHRT_MAX) - KVM_INTERNAL_MEM_SLOTS;
 *                      x86 keeps 3 internal slots (TSS, identity map, APIC access page)
 * @param addressSpaces kvm_arch_nr_memslot_as_ids(): x86 has a second address space for SMM
 */
record KvmLimits(int userMemSlots, int addressSpaces) {
    static final int KVM_MEM_SLOTS_NUM = Short.MAX_VALUE;
    /** KVM_MEM_MAX_NR_PAGES on 64-bit: dirty bitmaps are indexed with an unsigned int. */
    static final long KVM_MEM_MAX_NR_PAGES = (1L << 31) - 1;

    static KvmLimits of(Arch arch) {
        return arch == Arch.ARM64 ? new KvmLimits(KVM_MEM_SLOTS_NUM, 1) : new KvmLimits(KVM_MEM_SLOTS_NUM - 3, 2);
    }
}
