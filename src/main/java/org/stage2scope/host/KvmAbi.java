package org.stage2scope.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bits of the KVM uAPI that probe and replay use: ioctl numbers, capability numbers and the
 * memslot struct layouts, all from include/uapi/linux/kvm.h, and the mmap/memfd constants from
 * include/uapi/asm-generic/mman-common.h. x86-64 and arm64 share the asm-generic ioctl encoding
 * (include/uapi/asm-generic/ioctl.h: nr bits 0-7, type 8-15, size 16-29, direction 30-31 with
 * write = 1, read = 2), the mmap flag values and little-endian LP64 struct layout, so one table
 * serves both; {@link #supports(String)} names the machines it was written for.
 */
public final class KvmAbi {
    private KvmAbi() {}

    /** KVMIO, the ioctl type byte of every KVM ioctl. */
    public static final int KVMIO = 0xAE;
    /** KVM_API_VERSION: KVM_GET_API_VERSION has returned 12 since Linux 2.6.22. */
    public static final int API_VERSION = 12;

    private static final int IOC_NONE = 0;
    private static final int IOC_WRITE = 1;
    private static final int IOC_READ = 2;

    /** _IOC(dir, type, nr, size) of include/uapi/asm-generic/ioctl.h. */
    static long ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size >= 1 << 14) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit _IOC_SIZEBITS (14)");
        }
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    static long io(int nr) {
        return ioc(IOC_NONE, KVMIO, nr, 0);
    }

    static long iow(int nr, int size) {
        return ioc(IOC_WRITE, KVMIO, nr, size);
    }

    static long iowr(int nr, int size) {
        return ioc(IOC_READ | IOC_WRITE, KVMIO, nr, size);
    }

    // struct kvm_userspace_memory_region: slot, flags (u32), guest_phys_addr, memory_size, userspace_addr (u64).
    public static final int REGION_SLOT = 0;
    public static final int REGION_FLAGS = 4;
    public static final int REGION_GPA = 8;
    public static final int REGION_SIZE = 16;
    public static final int REGION_HVA = 24;
    public static final int REGION_BYTES = 32;
    // struct kvm_userspace_memory_region2: the v1 fields at the same offsets, then guest_memfd_offset (u64),
    // guest_memfd (u32), pad1 (u32), pad2[14] (u64).
    public static final int REGION2_GMEM_OFFSET = 32;
    public static final int REGION2_GMEM_FD = 40;
    public static final int REGION2_BYTES = 48 + 14 * 8;
    // struct kvm_create_guest_memfd: size, flags, reserved[6] (u64).
    public static final int CREATE_GMEM_BYTES = 8 * 8;
    // struct kvm_enable_cap: cap, flags (u32), args[4] (u64), pad[64].
    public static final int ENABLE_CAP_BYTES = 8 + 4 * 8 + 64;

    /** KVM_GET_API_VERSION _IO(KVMIO, 0x00) */
    public static final long KVM_GET_API_VERSION = io(0x00);
    /** KVM_CREATE_VM _IO(KVMIO, 0x01); the argument is the machine type */
    public static final long KVM_CREATE_VM = io(0x01);
    /** KVM_CHECK_EXTENSION _IO(KVMIO, 0x03); works on /dev/kvm and (more precise) on a VM fd */
    public static final long KVM_CHECK_EXTENSION = io(0x03);
    /** KVM_SET_USER_MEMORY_REGION _IOW(KVMIO, 0x46, struct kvm_userspace_memory_region) */
    public static final long KVM_SET_USER_MEMORY_REGION = iow(0x46, REGION_BYTES);
    /** KVM_SET_USER_MEMORY_REGION2 _IOW(KVMIO, 0x49, struct kvm_userspace_memory_region2) */
    public static final long KVM_SET_USER_MEMORY_REGION2 = iow(0x49, REGION2_BYTES);
    /** KVM_ENABLE_CAP _IOW(KVMIO, 0xa3, struct kvm_enable_cap) */
    public static final long KVM_ENABLE_CAP = iow(0xa3, ENABLE_CAP_BYTES);
    /** KVM_CREATE_GUEST_MEMFD _IOWR(KVMIO, 0xd4, struct kvm_create_guest_memfd) */
    public static final long KVM_CREATE_GUEST_MEMFD = iowr(0xd4, CREATE_GMEM_BYTES);

    public static final int KVM_CAP_NR_MEMSLOTS = 10;
    public static final int KVM_CAP_READONLY_MEM = 81;
    public static final int KVM_CAP_MULTI_ADDRESS_SPACE = 118;
    public static final int KVM_CAP_ARM_VM_IPA_SIZE = 165;
    public static final int KVM_CAP_ARM_MTE = 205;
    public static final int KVM_CAP_DISABLE_QUIRKS2 = 213;
    public static final int KVM_CAP_USER_MEMORY2 = 231;
    public static final int KVM_CAP_GUEST_MEMFD = 234;
    public static final int KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED = 243;
    /** Linux 6.18: which GUEST_MEMFD_FLAG_* KVM_CREATE_GUEST_MEMFD accepts on this VM. */
    public static final int KVM_CAP_GUEST_MEMFD_FLAGS = 244;

    public static final long GUEST_MEMFD_FLAG_MMAP = 1L;
    public static final long GUEST_MEMFD_FLAG_INIT_SHARED = 1L << 1;

    /** KVM_X86_QUIRK_* bits of KVM_CAP_DISABLE_QUIRKS2's mask (arch/x86/include/uapi/asm/kvm.h). */
    public static final String[] X86_QUIRKS = {
        "LINT0_REENABLED", "CD_NW_CLEARED", "LAPIC_MMIO_HOLE", "OUT_7E_INC_RIP", "MISC_ENABLE_NO_MWAIT",
        "FIX_HYPERCALL_INSN", "MWAIT_NEVER_UD_FAULTS", "SLOT_ZAP_ALL", "STUFF_FEATURE_MSRS", "IGNORE_GUEST_PAT",
    };

    /** The names of the quirk bits set in a KVM_CAP_DISABLE_QUIRKS2 mask; bits newer than this table read "bit N". */
    public static java.util.List<String> quirkNames(long mask) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                out.add(bit < X86_QUIRKS.length ? X86_QUIRKS[bit] : "bit " + bit);
            }
        }
        return out;
    }

    // mmap(2), include/uapi/asm-generic/mman-common.h and mman.h (the same numbers on x86-64).
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_NORESERVE = 0x4000;
    public static final int MAP_HUGETLB = 0x40000;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;
    public static final int MAP_HUGE_SHIFT = 26;
    /** open(2) and memfd_create(2) flags. */
    public static final int O_RDWR = 2;
    public static final int O_CLOEXEC = 0x80000;
    public static final int MFD_CLOEXEC = 1;

    /** The machines (uname -m) whose ABI these numbers describe. */
    public static boolean supports(String machine) {
        return "x86_64".equals(machine) || "aarch64".equals(machine);
    }

    /** KVM_VM_TYPE_ARM_IPA_SIZE(bits): arm64 encodes the IPA size in the low byte; 0 means the 40-bit default. */
    public static long armVmType(int ipaBits) {
        return ipaBits == 40 ? 0 : ipaBits & 0xff;
    }

    /** A struct kvm_userspace_memory_region, ready to pass by pointer. */
    public static byte[] region(int rawSlot, int flags, long gpa, long size, long hva) {
        ByteBuffer b = ByteBuffer.allocate(REGION_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(REGION_SLOT, rawSlot).putInt(REGION_FLAGS, flags).putLong(REGION_GPA, gpa)
                .putLong(REGION_SIZE, size).putLong(REGION_HVA, hva);
        return b.array();
    }

    /** A struct kvm_userspace_memory_region2; padding stays zero, as the kernel may one day check. */
    public static byte[] region2(int rawSlot, int flags, long gpa, long size, long hva, long gmemOffset, int gmemFd) {
        ByteBuffer b = ByteBuffer.allocate(REGION2_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(REGION_SLOT, rawSlot).putInt(REGION_FLAGS, flags).putLong(REGION_GPA, gpa)
                .putLong(REGION_SIZE, size).putLong(REGION_HVA, hva)
                .putLong(REGION2_GMEM_OFFSET, gmemOffset).putInt(REGION2_GMEM_FD, gmemFd);
        return b.array();
    }

    /** A struct kvm_create_guest_memfd. */
    public static byte[] createGuestMemfd(long size, long flags) {
        ByteBuffer b = ByteBuffer.allocate(CREATE_GMEM_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, size).putLong(8, flags);
        return b.array();
    }

    /** A struct kvm_enable_cap with args[0]. */
    public static byte[] enableCap(int cap, long arg0) {
        ByteBuffer b = ByteBuffer.allocate(ENABLE_CAP_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, cap).putLong(8, arg0);
        return b.array();
    }
}
