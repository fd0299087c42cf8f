package org.stage2scope.engine.memslot;

import org.stage2scope.engine.Rule;

/**
 * The rules that decide a KVM_SET_USER_MEMORY_REGION2 call. Linux 6.13 renamed
 * {@code __kvm_set_memory_region} to {@code kvm_set_memory_region}; the newer name is used.
 */
public final class MemslotRules {
    private MemslotRules() {}

    static final String IOCTL = "kvm_vm_ioctl_set_memory_region";
    static final String SET = "kvm_set_memory_region";
    static final String FLAGS = "check_memory_region_flags";
    static final String OVERLAP = "kvm_check_memslot_overlap";
    static final String ARM64_PREPARE = "kvm_arch_prepare_memory_region (arch/arm64/kvm/mmu.c)";
    static final String X86_PREPARE = "kvm_arch_prepare_memory_region (arch/x86/kvm/x86.c)";

    public static final Rule ID_RANGE = new Rule("memslot.id.range", IOCTL,
            "slot id at or above KVM_USER_MEM_SLOTS");
    public static final Rule FLAGS_INVALID = new Rule("memslot.flags.invalid", FLAGS,
            "a flag bit this kernel does not accept for this VM");
    public static final Rule SIZE_UNALIGNED = new Rule("memslot.size.unaligned", SET,
            "memory_size is not a multiple of PAGE_SIZE");
    public static final Rule GPA_UNALIGNED = new Rule("memslot.gpa.unaligned", SET,
            "guest_phys_addr is not PAGE_SIZE aligned");
    public static final Rule HVA_UNALIGNED = new Rule("memslot.hva.unaligned", SET,
            "userspace_addr is not PAGE_SIZE aligned");
    public static final Rule HVA_NOT_USER = new Rule("memslot.hva.not-user", SET + " (access_ok)",
            "userspace_addr + memory_size is not below the top of the user address space");
    public static final Rule GMEM_OFFSET = new Rule("memslot.gmem.offset", SET,
            "guest_memfd_offset is not page aligned, or offset + size wraps");
    public static final Rule AS_ID_RANGE = new Rule("memslot.as-id.range", SET,
            "address space id at or above kvm_arch_nr_memslot_as_ids()");
    public static final Rule GPA_WRAP = new Rule("memslot.gpa.wrap", SET,
            "guest_phys_addr + memory_size wraps past 2^64");
    public static final Rule PAGES_MAX = new Rule("memslot.pages.max", SET,
            "more pages than KVM_MEM_MAX_NR_PAGES");
    public static final Rule DELETE_MISSING = new Rule("memslot.delete.missing", SET,
            "memory_size 0 deletes, but the slot does not exist");
    public static final Rule MODIFY_GMEM = new Rule("memslot.modify.gmem", SET,
            "a GUEST_MEMFD memslot cannot be modified, only deleted");
    public static final Rule MODIFY_IMMUTABLE = new Rule("memslot.modify.immutable", SET,
            "an existing slot's userspace_addr, size and READONLY flag cannot change");
    public static final Rule OVERLAP_RULE = new Rule("memslot.overlap", OVERLAP,
            "the GFN range overlaps another memslot in the same address space");
    public static final Rule ARM64_IPA_SIZE = new Rule("arm64.prepare.ipa-size", ARM64_PREPARE,
            "the slot ends beyond the VM's IPA space (kvm_phys_size)");
    public static final Rule ARM64_MTE = new Rule("arm64.prepare.mte", ARM64_PREPARE,
            "MTE VM and a VMA without VM_MTE_ALLOWED");
    public static final Rule ARM64_PFNMAP_DIRTY_LOG = new Rule("arm64.prepare.pfnmap.dirty-log", ARM64_PREPARE,
            "dirty logging over a VM_PFNMAP VMA");
    public static final Rule ARM64_PFNMAP_POLICY = new Rule("arm64.prepare.pfnmap.policy", ARM64_PREPARE,
            "the policy's cacheable-PFNMAP check refuses a VM_PFNMAP VMA");
    public static final Rule X86_MAX_GFN = new Rule("x86.prepare.max-gfn", X86_PREPARE,
            "the slot's last GFN is beyond kvm_mmu_max_gfn()");

    public static final Rule OK_CREATE = new Rule("ok.create", SET, "a new memslot");
    public static final Rule OK_MOVE = new Rule("ok.move", SET, "the memslot moved to a new GPA");
    public static final Rule OK_FLAGS_ONLY = new Rule("ok.flags-only", SET, "only the memslot's flags changed");
    public static final Rule OK_DELETE = new Rule("ok.delete", SET, "the memslot was deleted");
    public static final Rule OK_NONE = new Rule("ok.no-change", SET, "the call names the slot as it is: nothing to do");
}
