package org.stage2scope.model;

/**
 * What the host's KVM reports about memslots, as {@code KVM_CHECK_EXTENSION} on the VM file
 * descriptor answers it. {@code stage2scope probe} fills these from the running kernel; a scenario
 * that leaves them out gets {@link #defaults(Arch)}, the values of an upstream kernel's default VM.
 *
 * @param release        kernel release the values were read from ("" when they are defaults)
 * @param userMemSlots   KVM_CAP_NR_MEMSLOTS = KVM_USER_MEM_SLOTS (ids 0 .. n-1 per address space)
 * @param addressSpaces  KVM_CAP_MULTI_ADDRESS_SPACE on the VM fd = kvm_arch_nr_memslot_as_ids(kvm)
 * @param readonlyMem    KVM_CAP_READONLY_MEM: check_memory_region_flags accepts KVM_MEM_READONLY
 * @param guestMemfd     KVM_CAP_GUEST_MEMFD: check_memory_region_flags accepts KVM_MEM_GUEST_MEMFD
 */
public record KvmCaps(String release, int userMemSlots, int addressSpaces, boolean readonlyMem, boolean guestMemfd) {
    /** KVM_MEM_SLOTS_NUM (SHRT_MAX), the most slot ids one address space can have. */
    public static final int MEM_SLOTS_NUM = Short.MAX_VALUE;
    /** KVM_INTERNAL_MEM_SLOTS on x86 (arch/x86/include/asm/kvm_host.h): TSS, identity map, APIC access page. */
    public static final int X86_INTERNAL_MEM_SLOTS = 3;
    /** The largest KVM_MAX_NR_ADDRESS_SPACES of any architecture (x86 with CONFIG_KVM_SMM: 2); room to spare. */
    public static final int MAX_ADDRESS_SPACES = 16;

    public KvmCaps {
        release = release == null ? "" : release;
        if (userMemSlots < 1 || userMemSlots > MEM_SLOTS_NUM) {
            throw new IllegalArgumentException("nrMemslots " + userMemSlots + " is outside 1.." + MEM_SLOTS_NUM);
        }
        if (addressSpaces < 1 || addressSpaces > MAX_ADDRESS_SPACES) {
            throw new IllegalArgumentException("addressSpaces " + addressSpaces + " is outside 1.." + MAX_ADDRESS_SPACES);
        }
    }

    /**
     * An upstream kernel's default VM (KVM_CREATE_VM type 0), Linux 6.18. arm64: no SMM, one address
     * space, KVM_USER_MEM_SLOTS = 32767. x86 built with CONFIG_KVM_SMM (Kconfig default y): two
     * address spaces, because kvm_arch_nr_memslot_as_ids() is 1 only for VMs with private memory
     * (SEV, SNP, TDX, KVM_X86_SW_PROTECTED_VM); 32764 user slots. Both accept READONLY and GUEST_MEMFD.
     */
    public static KvmCaps defaults(Arch arch) {
        return arch.isX86()
                ? new KvmCaps("", MEM_SLOTS_NUM - X86_INTERNAL_MEM_SLOTS, 2, true, true)
                : new KvmCaps("", MEM_SLOTS_NUM, 1, true, true);
    }

    public KvmCaps withRelease(String r) {
        return new KvmCaps(r, userMemSlots, addressSpaces, readonlyMem, guestMemfd);
    }

    /** Same values as the defaults for this arch (the release aside): a writer may leave them out. */
    public boolean isDefaultFor(Arch arch) {
        return release.isEmpty() && equals(defaults(arch));
    }
}
