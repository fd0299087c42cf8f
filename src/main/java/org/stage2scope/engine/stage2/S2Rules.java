package org.stage2scope.engine.stage2;

import org.stage2scope.engine.Rule;

/** The stage-2 fault, effective-type and access rules, each naming the kernel function it mirrors. */
public final class S2Rules {
    private S2Rules() {}

    public static final Rule RAM = new Rule("s2.map.ram", "arch/arm64/kvm/mmu.c user_mem_abort",
            "RAM mapped Normal write-back");
    public static final Rule GMEM = new Rule("s2.map.gmem", "arch/arm64/kvm/mmu.c gmem_abort",
            "guest_memfd slot: PAGE_SIZE, Normal write-back, no VMA lookup");
    public static final Rule PFNMAP_CACHEABLE = new Rule("s2.pfnmap.cacheable",
            "arch/arm64/kvm/mmu.c user_mem_abort (kvm_supports_cacheable_pfnmap)",
            "device PFNMAP mapped cacheable: the VMA is cacheable and the host has FWB and DIC");
    public static final Rule PFNMAP_EFAULT = new Rule("s2.pfnmap.efault",
            "arch/arm64/kvm/mmu.c user_mem_abort (kvm_supports_cacheable_pfnmap)",
            "cacheable device PFNMAP without FWB+DIC: -EFAULT to the VMM");
    public static final Rule PFNMAP_NONCACHEABLE = new Rule("s2.pfnmap.noncacheable",
            "arch/arm64/kvm/mmu.c user_mem_abort (s2_force_noncacheable)",
            "device PFNMAP forced non-cacheable: Device-nGnRE, or Normal-NC with VM_ALLOW_ANY_UNCACHED");
    public static final Rule NO_VMA = new Rule("s2.novma", "arch/arm64/kvm/mmu.c user_mem_abort (vma_lookup)",
            "no VMA behind the HVA: -EFAULT to the VMM at fault time");
    public static final Rule SLOT_WITHOUT_VMA = new Rule("s2.slot.novma", "arch/arm64/kvm/mmu.c kvm_arch_prepare_memory_region",
            "a memslot over no VMA at all: accepted, every fault returns -EFAULT");
    public static final Rule HWPOISON = new Rule("s2.hwpoison", "arch/arm64/kvm/mmu.c kvm_send_hwpoison_signal",
            "hardware-poisoned page: SIGBUS to the VMM");
    public static final Rule MTE_EFAULT = new Rule("s2.mte.efault", "arch/arm64/kvm/mmu.c user_mem_abort (kvm_vma_mte_allowed)",
            "MTE VM, cacheable mapping of a VMA without VM_MTE_ALLOWED: -EFAULT");
    public static final Rule WRITE_RO_VMA = new Rule("s2.write.vma-readonly", "virt/kvm/kvm_main.c hva_to_pfn",
            "write fault on a VMA without write permission: -EFAULT");
    public static final Rule X86_EPT = new Rule("s2.x86.ept", "arch/x86/kvm/vmx/vmx.c vmx_get_mt_mask",
            "EPT memory type chosen by KVM");
    public static final Rule X86_NPT = new Rule("s2.x86.npt", "arch/x86/kvm/svm (NPT uses host PAT entry 0)",
            "NPT host memory type (modelled)");
    public static final Rule X86_NOVMA = new Rule("s2.x86.novma", "arch/x86/kvm/mmu/mmu.c kvm_handle_error_pfn",
            "no VMA behind the HVA: -EFAULT to the VMM at fault time");
    public static final Rule X86_HWPOISON = new Rule("s2.x86.hwpoison", "arch/x86/kvm/mmu/mmu.c kvm_send_hwpoison_signal",
            "hardware-poisoned page: SIGBUS to the VMM");

    // Findings about block sizes.
    public static final Rule DIRTY_LOG_4K = new Rule("s2.dirtylog.4k", "arch/arm64/kvm/mmu.c user_mem_abort (memslot_is_logging)",
            "dirty logging forces PAGE_SIZE mappings and write-protects read faults");
    public static final Rule X86_DIRTY_LOG_4K = new Rule("s2.x86.dirtylog.4k", "arch/x86/kvm/mmu/mmu.c kvm_mmu_max_mapping_level",
            "dirty logging forces 4K mappings");
    public static final Rule BLOCK_MISALIGNED = new Rule("s2.block.misaligned",
            "arch/arm64/kvm/mmu.c fault_supports_stage2_huge_mapping",
            "memslot GPA and HVA differ in their offset inside a block: no stage-2 blocks");
    public static final Rule X86_LPAGE_MISALIGNED = new Rule("s2.x86.lpage.misaligned",
            "virt/kvm/kvm_main.c / arch/x86/kvm/x86.c kvm_alloc_memslot_metadata (lpage_info disallow_lpage)",
            "memslot GPA and HVA differ in their offset inside a large page: no large pages");
    public static final Rule PFNMAP_BLOCK_PAST_VMA = new Rule("s2.pfnmap.block-past-vma",
            "arch/arm64/kvm/mmu.c get_vma_page_shift (ALIGN rounds up)",
            "a PFNMAP block reaches past the VMA's end");
    public static final Rule VMA_OVERLAP = new Rule("vma.overlap", "mm/mmap.c (VMAs never overlap)",
            "two VMAs of the scenario overlap; the first listed wins");
    public static final Rule SLOT_SHAPE = new Rule("s2.slot.shape", "virt/kvm/kvm_main.c kvm_set_memory_region",
            "an accepted memslot the kernel could not have accepted (wraps or is empty): not mapped");

    // Effective types.
    public static final Rule SILENT_DOWNGRADE = new Rule("mem.silent-downgrade", "Arm ARM S2CombineS1MemAttrs / Intel SDM EPT memory type",
            "the guest asks for a cacheable type but stage 2 makes it Device or non-cacheable");
    public static final Rule FWB_OVERRIDES_DEVICE = new Rule("mem.fwb.override-device", "Arm ARM AArch64.S2ApplyFWBMemAttrs",
            "with FWB, stage-2 force write-back turns the guest's Device mapping into Normal-WB");
    public static final Rule X86_PAT_IGNORED = new Rule("mem.x86.pat-ignored", "arch/x86/kvm/vmx/vmx.c vmx_get_mt_mask (IPAT)",
            "KVM_X86_QUIRK_IGNORE_GUEST_PAT: the guest's PAT type is ignored, RAM is WB");
    public static final Rule AMD_NO_FORCE_WB = new Rule("mem.amd.no-force-wb", "arch/x86/kvm/svm (no IPAT on NPT)",
            "AMD NPT cannot force write-back: the guest's PAT type wins");

    // Accesses.
    public static final Rule ACCESS_NO_SLOT_MMIO = new Rule("access.noslot.mmio", "arch/arm64/kvm/mmu.c kvm_handle_guest_abort (io_mem_abort)",
            "no memslot: KVM_EXIT_MMIO to the VMM");
    public static final Rule ACCESS_NO_SLOT_IABT = new Rule("access.noslot.iabt", "arch/arm64/kvm/mmu.c kvm_handle_guest_abort (kvm_inject_sea_iabt)",
            "instruction fetch outside any memslot: external abort injected");
    public static final Rule ACCESS_IPA_RANGE = new Rule("access.ipa.range", "arch/arm64/kvm/mmu.c kvm_handle_guest_abort",
            "IPA beyond the VM's IPA size: abort injected into the guest");
    public static final Rule ACCESS_READONLY_MMIO = new Rule("access.readonly.mmio", "arch/arm64/kvm/mmu.c kvm_handle_guest_abort (io_mem_abort)",
            "write to a KVM_MEM_READONLY slot: KVM_EXIT_MMIO to the VMM");
    public static final Rule ACCESS_ENOEXEC = new Rule("access.enoexec", "arch/arm64/kvm/mmu.c user_mem_abort (-ENOEXEC)",
            "instruction fetch from a forced-non-cacheable mapping: instruction abort injected");
    public static final Rule MISMATCHED_ALIAS = new Rule("mem.stage1.mismatched-alias",
            "Arm ARM (DDI 0487) \"Mismatched memory attributes\"; Intel SDM vol. 3A 11.12.4",
            "guest stage-1 ranges overlap with different memory attributes");
    public static final Rule X86_ACCESS_EXEC_NO_SLOT = new Rule("access.x86.noslot.exec",
            "arch/x86/kvm/x86.c x86_emulate_instruction -> handle_emulation_failure",
            "instruction fetch from a GPA with no memslot: the emulator cannot fetch it; #UD, and at CPL 0 KVM_EXIT_INTERNAL_ERROR");
    public static final Rule X86_ACCESS_NO_SLOT = new Rule("access.x86.noslot.mmio", "arch/x86/kvm/mmu/mmu.c kvm_handle_noslot_fault",
            "no memslot: MMIO emulation / KVM_EXIT_MMIO");
    public static final Rule X86_ACCESS_READONLY = new Rule("access.x86.readonly.mmio", "arch/x86/kvm/mmu/mmu.c kvm_faultin_pfn",
            "write to a KVM_MEM_READONLY slot: emulated as MMIO");
}
