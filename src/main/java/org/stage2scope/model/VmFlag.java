package org.stage2scope.model;

/**
 * Kernel {@code vm_flags} bits (include/linux/mm.h) a scenario may name on a VMA, with the two-letter
 * code fs/proc/task_mmu.c {@code show_smap_vma_flags} prints in smaps (empty when it prints none).
 * VM_READ, VM_WRITE, VM_EXEC and VM_SHARED are accepted in scenario files because they are the
 * kernel's own names, but a {@link Vma} keeps them in its {@link Perms} only, so there is one truth
 * for them (smaps prints them as rd/wr/ex/sh; importers read the maps line's permissions instead).
 */
public enum VmFlag implements Named {
    VM_READ(""), VM_WRITE(""), VM_EXEC(""), VM_SHARED(""),
    VM_MAYREAD("mr"), VM_MAYWRITE("mw"), VM_MAYEXEC("me"), VM_MAYSHARE("ms"),
    VM_GROWSDOWN("gd"), VM_PFNMAP("pf"), VM_LOCKED("lo"), VM_IO("io"),
    VM_SEQ_READ("sr"), VM_RAND_READ("rr"), VM_DONTCOPY("dc"), VM_DONTEXPAND("de"),
    VM_ACCOUNT("ac"), VM_NORESERVE("nr"), VM_HUGETLB("ht"), VM_SYNC("sf"),
    VM_ARCH_1("ar"), VM_WIPEONFORK("wf"), VM_DONTDUMP("dd"), VM_SOFTDIRTY("sd"),
    VM_MIXEDMAP("mm"), VM_HUGEPAGE("hg"), VM_NOHUGEPAGE("nh"), VM_MERGEABLE("mg"),
    VM_UFFD_MISSING("um"), VM_UFFD_WP("uw"), VM_UFFD_MINOR("ui"),
    VM_ARM64_BTI("bt"),
    /** arm64: pages of this VMA carry MTE tags (smaps "mt"). */
    VM_MTE("mt"),
    /** arm64: MTE may be enabled on this VMA; smaps prints nothing for it, so importers cannot see it. */
    VM_MTE_ALLOWED(""),
    /** arm64: KVM may map this PFNMAP memory Normal-NC instead of Device (vfio-pci BARs, nvgrace-gpu). */
    VM_ALLOW_ANY_UNCACHED(""),
    VM_SHADOW_STACK("ss"), VM_SEALED("sl"), VM_LOCKONFAULT("lf"), VM_DROPPABLE("dp");

    private final String smapsCode;

    VmFlag(String smapsCode) {
        this.smapsCode = smapsCode;
    }

    @Override
    public String id() {
        return name();
    }

    /** VM_READ, VM_WRITE, VM_EXEC, VM_SHARED: the bits a VMA's {@link Perms} holds. */
    public boolean isPermission() {
        return ordinal() <= VM_SHARED.ordinal();
    }

    /**
     * False for the flags only arm64 defines (VM_ARM64_BTI, VM_MTE, VM_MTE_ALLOWED as VM_HIGH_ARCH bits in
     * include/linux/mm.h, VM_ALLOW_ANY_UNCACHED which only arm64's user_mem_abort reads).
     */
    public boolean appliesTo(Arch arch) {
        return !arch.isX86() || !switch (this) {
            case VM_ARM64_BTI, VM_MTE, VM_MTE_ALLOWED, VM_ALLOW_ANY_UNCACHED -> true;
            default -> false;
        };
    }

    /** The two-letter smaps VmFlags code, or "" when smaps never shows this flag. */
    public String smapsCode() {
        return smapsCode;
    }
}
