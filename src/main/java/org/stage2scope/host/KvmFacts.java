package org.stage2scope.host;

import java.util.List;

/**
 * What KVM_CHECK_EXTENSION answered. Read on a scratch VM's fd when one could be created (the
 * per-VM answer: address spaces, guest_memfd and cacheable PFNMAP depend on the VM), else on /dev/kvm.
 *
 * @param apiVersion        KVM_GET_API_VERSION (12)
 * @param onVm              true when the capabilities were read on a VM fd
 * @param nrMemslots        KVM_CAP_NR_MEMSLOTS
 * @param addressSpaces     KVM_CAP_MULTI_ADDRESS_SPACE (0 when the kernel lacks the capability: one space)
 * @param userMemory2       KVM_CAP_USER_MEMORY2: KVM_SET_USER_MEMORY_REGION2 exists
 * @param guestMemfd        KVM_CAP_GUEST_MEMFD
 * @param guestMemfdFlags   KVM_CAP_GUEST_MEMFD_FLAGS (6.18): the flags KVM_CREATE_GUEST_MEMFD accepts
 * @param readonlyMem       KVM_CAP_READONLY_MEM
 * @param quirks            x86 KVM_CAP_DISABLE_QUIRKS2: the quirks userspace may disable (a bit mask)
 * @param armIpaSize        arm64 KVM_CAP_ARM_VM_IPA_SIZE: the largest IPA size a VM may ask for
 * @param armMte            arm64 KVM_CAP_ARM_MTE
 * @param cacheablePfnmap   arm64 KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED (243), only answered on a VM fd
 * @param notes             sentences about what could not be read
 */
public record KvmFacts(int apiVersion, boolean onVm, long nrMemslots, long addressSpaces, boolean userMemory2,
                       boolean guestMemfd, long guestMemfdFlags, boolean readonlyMem, long quirks, long armIpaSize,
                       boolean armMte, Boolean cacheablePfnmap, List<String> notes) {
    public KvmFacts {
        notes = List.copyOf(notes);
    }

    /** KVM_CAP_MULTI_ADDRESS_SPACE returns 0 on kernels without the capability, which then have one space. */
    public int effectiveAddressSpaces() {
        return (int) Math.max(1, Math.min(addressSpaces, 16));
    }
}
