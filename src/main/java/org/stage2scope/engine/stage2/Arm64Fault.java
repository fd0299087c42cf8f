package org.stage2scope.engine.stage2;

import java.util.List;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.policy.DeviceMapping;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * One arm64 stage-2 fault inside a memslot, as arch/arm64/kvm/mmu.c user_mem_abort (and gmem_abort)
 * take it: one linear path of decisions, each step optionally recorded in a trace.
 */
final class Arm64Fault {
    private Arm64Fault() {}

    /** MemAttr[3:0] KVM writes (stage2_set_prot_attr): without FWB / with FWB. */
    static final int ATTR_NORMAL_NOFWB = 0b1111;
    static final int ATTR_NORMAL_FWB = 0b0110;
    static final int ATTR_NC = 0b0101;
    static final int ATTR_DEVICE = 0b0001;

    /**
     * @param hva   the faulting HVA (inside the memslot)
     * @param trace receives one line per step, or null
     */
    static Decision fault(FaultContext ctx, long hva, GuestAccess.Kind kind, List<String> trace) {
        boolean write = kind == GuestAccess.Kind.WRITE;
        boolean exec = kind == GuestAccess.Kind.EXEC;
        boolean fwb = ctx.host().has(CpuFeature.FWB);
        boolean dic = ctx.host().has(CpuFeature.DIC);
        long page = ctx.pageSize();

        if (ctx.gmem()) {
            if (trace != null) {
                trace.add("kvm_handle_guest_abort: guest_memfd memslot -> gmem_abort (no VMA lookup)");
            }
            boolean x = exec || dic;
            if (trace != null) {
                trace.add("gmem_abort: PAGE_SIZE, Normal-WB" + (x ? ", X" : ""));
            }
            Stage2Entry e = normal(fwb, true, x, page, !fwb, exec && !dic);
            return new Decision(AccessOutcome.MAPPED, e, page, S2Rules.GMEM,
                    "gmem_abort: guest_memfd memslot, PAGE_SIZE, Normal-WB " + Stage2Entry.bits(e.memAttr()));
        }

        Vma vma = ctx.vma();
        if (vma == null) {
            if (trace != null) {
                trace.add("user_mem_abort: vma_lookup(" + U64.hex(hva) + ") finds no VMA -> -EFAULT");
            }
            return fail(AccessOutcome.EFAULT, page, S2Rules.NO_VMA,
                    "user_mem_abort: no VMA at HVA " + U64.hex(hva) + " (a hole in the memslot's HVA range) -> -EFAULT");
        }
        if (trace != null) {
            trace.add("user_mem_abort: vma_lookup(" + U64.hex(hva) + ") -> " + vma.name());
        }

        // Block size: get_vma_page_shift, then the fault_supports_stage2_huge_mapping fallthrough.
        long size;
        boolean forcePte = false;
        StringBuilder why = new StringBuilder();
        if (ctx.logging()) {
            size = page;
            forcePte = true;
            why.append("dirty logging forces PAGE_SIZE (memslot_is_logging)");
            if (trace != null) {
                trace.add("user_mem_abort: memslot_is_logging -> force_pte, PAGE_SIZE");
            }
        } else {
            size = vmaPageSize(ctx, hva, why);
            if (trace != null) {
                trace.add("get_vma_page_shift: " + why + " -> " + U64.size(size));
            }
            if (size == ctx.pudSize() && !ctx.slotFits(hva, size)) {
                why.append("; the ").append(U64.size(size)).append(" block does not fit the memslot");
                if (trace != null) {
                    trace.add("fault_supports_stage2_huge_mapping(" + U64.size(size) + "): no, try " + U64.size(ctx.pmdSize()));
                }
                size = ctx.pmdSize();
            }
            if (size == ctx.pmdSize() && !ctx.slotFits(hva, size)) {
                why.append("; the ").append(U64.size(size)).append(" block does not fit the memslot");
                if (trace != null) {
                    trace.add("fault_supports_stage2_huge_mapping(" + U64.size(size) + "): no -> force_pte, PAGE_SIZE");
                }
                size = page;
                forcePte = true;
            } else if (size != page) {
                if (trace != null) {
                    trace.add("fault_supports_stage2_huge_mapping(" + U64.size(size) + "): yes");
                }
            }
        }

        if (ctx.poisoned(hva)) {
            if (trace != null) {
                trace.add("__kvm_faultin_pfn: KVM_PFN_ERR_HWPOISON -> kvm_send_hwpoison_signal: SIGBUS");
            }
            return fail(AccessOutcome.SIGBUS, page, S2Rules.HWPOISON,
                    "__kvm_faultin_pfn: page at HVA " + U64.hex(U64.alignDown(hva, page)) + " is hardware-poisoned -> SIGBUS to the VMM");
        }
        if (write && !vma.perms().write()) {
            if (trace != null) {
                trace.add("__kvm_faultin_pfn: write fault on a VMA without write permission -> KVM_PFN_ERR_FAULT -> -EFAULT");
            }
            return fail(AccessOutcome.EFAULT, page, S2Rules.WRITE_RO_VMA,
                    "__kvm_faultin_pfn: VMA " + vma.name() + " (" + vma.perms() + ") is not writable -> -EFAULT");
        }
        if (trace != null) {
            trace.add("__kvm_faultin_pfn: pfn found (" + vma.backing().kind().id() + ")");
        }
        boolean writable = vma.perms().write() && !ctx.readonlySlot();

        boolean deviceVma = vma.has(VmFlag.VM_PFNMAP) || vma.has(VmFlag.VM_MIXEDMAP);
        boolean forcedNc = false;
        Rule rule = S2Rules.RAM;
        String typeWhy;
        if (deviceVma && vma.backing().kind() == Backing.Kind.DEVICE) {
            boolean c = vma.memType().cacheable();
            boolean s = fwb && dic;
            DeviceMapping dm = ctx.policy().faultRule().decide(c, s);
            String cs = "VMA " + vma.memType().id() + " (" + (c ? "cacheable" : "non-cacheable") + "), host "
                    + (s ? "has" : "lacks") + " FWB+DIC";
            switch (dm) {
                case EFAULT -> {
                    if (trace != null) {
                        trace.add("user_mem_abort: PFNMAP/MIXEDMAP and !pfn_is_map_memory; " + cs
                                + " -> kvm_supports_cacheable_pfnmap() false -> -EFAULT");
                    }
                    return fail(AccessOutcome.EFAULT, page, S2Rules.PFNMAP_EFAULT,
                            "user_mem_abort: device memory behind a cacheable VMA and the host lacks FWB+DIC"
                                    + " (kvm_supports_cacheable_pfnmap) -> -EFAULT");
                }
                case CACHEABLE -> {
                    if (trace != null) {
                        trace.add("user_mem_abort: PFNMAP/MIXEDMAP and !pfn_is_map_memory; " + cs + " -> cacheable");
                    }
                    rule = S2Rules.PFNMAP_CACHEABLE;
                }
                case FORCE_NONCACHEABLE -> {
                    forcedNc = true;
                    rule = S2Rules.PFNMAP_NONCACHEABLE;
                    if (trace != null) {
                        trace.add("user_mem_abort: PFNMAP/MIXEDMAP and !pfn_is_map_memory; " + cs
                                + " -> s2_force_noncacheable (policy " + ctx.policy().id().id() + ")");
                    }
                }
            }
            typeWhy = "device memory, " + cs + ", policy " + ctx.policy().id().id();
        } else {
            typeWhy = deviceVma ? "PFNMAP over system RAM (pfn_is_map_memory) takes the RAM path" : "RAM";
            if (ctx.logging() && !write) {
                writable = false;
                if (trace != null) {
                    trace.add("user_mem_abort: dirty logging and a read fault -> map read-only");
                }
            }
        }

        if (exec && forcedNc) {
            if (trace != null) {
                trace.add("user_mem_abort: exec fault on s2_force_noncacheable returns -ENOEXEC");
                trace.add("kvm_handle_guest_abort: -ENOEXEC -> kvm_inject_sea_iabt: instruction abort injected");
            }
            return fail(AccessOutcome.ABORT_INJECTED, page, S2Rules.ACCESS_ENOEXEC,
                    "instruction fetch from a forced-non-cacheable mapping: user_mem_abort refuses it (-ENOEXEC)"
                            + " and kvm_inject_sea_iabt injects an instruction abort into the guest");
        }

        if (size == page && !(forcePte || forcedNc) && thpBacks(ctx, hva)) {
            if (ctx.slotFits(hva, ctx.pmdSize())) {
                size = ctx.pmdSize();
                why.append("; THP backs the HVA with a ").append(U64.size(size)).append(" page and the block fits the memslot");
                if (trace != null) {
                    trace.add("transparent_hugepage_adjust: THP and fault_supports_stage2_huge_mapping -> " + U64.size(size));
                }
            } else {
                why.append("; THP cannot give a block: ").append(misalignment(ctx, ctx.pmdSize()));
                if (trace != null) {
                    trace.add("transparent_hugepage_adjust: fault_supports_stage2_huge_mapping(" + U64.size(ctx.pmdSize())
                            + ") fails -> PAGE_SIZE");
                }
            }
        }

        if (ctx.vm().mte() && !forcedNc) {
            if (!vma.has(VmFlag.VM_MTE_ALLOWED)) {
                if (trace != null) {
                    trace.add("user_mem_abort: MTE VM, cacheable mapping, VMA lacks VM_MTE_ALLOWED -> -EFAULT");
                }
                return fail(AccessOutcome.EFAULT, page, S2Rules.MTE_EFAULT,
                        "user_mem_abort: the VM has MTE and VMA " + vma.name() + " lacks VM_MTE_ALLOWED -> -EFAULT");
            }
            if (trace != null) {
                trace.add("user_mem_abort: MTE VM -> sanitise_mte_tags");
            }
        }

        Stage2Entry entry;
        if (forcedNc) {
            boolean nc = vma.has(VmFlag.VM_ALLOW_ANY_UNCACHED);
            entry = nc
                    ? new Stage2Entry("Normal-NC", MemClass.NON_CACHEABLE, ATTR_NC, ATTR_NC, ATTR_NC, null, true, writable,
                            false, size, false, false)
                    : new Stage2Entry("Device-nGnRE", MemClass.DEVICE, ATTR_DEVICE, ATTR_DEVICE, ATTR_DEVICE, null, true,
                            writable, false, size, false, false);
            typeWhy += nc ? ", VM_ALLOW_ANY_UNCACHED -> Normal-NC" : " -> Device-nGnRE";
        } else {
            boolean x = exec || dic;
            entry = normal(fwb, writable, x, size, !fwb, exec && !dic);
            typeWhy += " -> Normal-WB";
        }
        if (trace != null) {
            trace.add("kvm_pgtable_stage2_map: " + U64.size(size) + " " + entry.type() + " MemAttr "
                    + Stage2Entry.bits(entry.memAttr()) + " " + entry.perms()
                    + (entry.dcacheClean() ? ", clean+invalidate D-cache to PoC" : "")
                    + (entry.icacheInval() ? ", invalidate I-cache to PoU" : ""));
        }
        String reason = U64.size(size) + ": " + why + "; " + typeWhy + " " + Stage2Entry.bits(entry.memAttr())
                + (fwb ? " (FWB)" : "") + permsNote(ctx, vma, forcedNc, dic);
        return new Decision(AccessOutcome.MAPPED, entry, size, rule, reason);
    }

    private static String permsNote(FaultContext ctx, Vma vma, boolean forcedNc, boolean dic) {
        StringBuilder sb = new StringBuilder();
        if (ctx.readonlySlot()) {
            sb.append("; KVM_MEM_READONLY: writes exit to the VMM as MMIO");
        } else if (!vma.perms().write()) {
            sb.append("; VMA not writable: writes return -EFAULT");
        } else if (ctx.logging()) {
            sb.append("; dirty logging: mapped read-only first, W after the write fault");
        }
        if (!forcedNc && dic) {
            sb.append("; X because the host has CTR_EL0.DIC");
        }
        return sb.toString();
    }

    private static Stage2Entry normal(boolean fwb, boolean writable, boolean x, long size, boolean dclean, boolean iinval) {
        return new Stage2Entry("Normal-WB", MemClass.WRITE_BACK, fwb ? ATTR_NORMAL_FWB : ATTR_NORMAL_NOFWB,
                ATTR_NORMAL_NOFWB, ATTR_NORMAL_FWB, null, true, writable, x, size, dclean, iinval);
    }

    private static Decision fail(AccessOutcome outcome, long page, Rule rule, String reason) {
        return new Decision(outcome, null, page, rule, reason);
    }

    /**
     * get_vma_page_shift, with a hugetlb size mapped to the level KVM uses (CONT_PMD -> PMD,
     * CONT_PTE -> PAGE). Appends the reason.
     */
    static long vmaPageSize(FaultContext ctx, long hva, StringBuilder why) {
        Vma vma = ctx.vma();
        long page = ctx.pageSize();
        if (vma.has(VmFlag.VM_HUGETLB) && !vma.has(VmFlag.VM_PFNMAP)) {
            long hp = vma.backing().pageSize();
            long size = U64.le(ctx.pudSize(), hp) ? ctx.pudSize() : U64.le(ctx.pmdSize(), hp) ? ctx.pmdSize() : page;
            why.append("hugetlb VMA with ").append(U64.size(hp)).append(" pages");
            return size;
        }
        if (!vma.has(VmFlag.VM_PFNMAP)) {
            why.append("plain VMA");
            return page;
        }
        Long pa = ctx.pa(hva);
        for (long block : new long[] {ctx.pudSize(), ctx.pmdSize()}) {
            long mask = block - 1;
            boolean sameOffset = pa == null || (hva & mask) == (pa & mask);
            long down = U64.alignDown(hva, block);
            long up = U64.alignUp(hva, block);
            // ALIGN(hva) may wrap to 0 near 2^64 exactly like the C macro; vm_end 0 stands for 2^64.
            boolean endOk = vma.end() == 0 || U64.le(up, vma.end());
            if (sameOffset && U64.le(vma.start(), down) && endOk) {
                why.append("VM_PFNMAP, HVA and PA share their ").append(U64.size(block)).append(" offset")
                        .append(pa == null ? " (PA unknown: assumed to share the HVA's offset)" : "")
                        .append(" and ALIGN_DOWN/ALIGN of the HVA lie within the VMA");
                return block;
            }
        }
        why.append("VM_PFNMAP, no ").append(U64.size(ctx.pmdSize())).append(" block: ")
                .append(pa != null && (hva & (ctx.pmdSize() - 1)) != (pa & (ctx.pmdSize() - 1))
                        ? "HVA and PA differ in their " + U64.size(ctx.pmdSize()) + " offset (PA - HVA = "
                                + U64.hex(pa - hva) + ")"
                        : "the aligned block does not lie within the VMA");
        return page;
    }

    /** THP backs the HVA with a PMD page: the VMA allows THP and covers the whole aligned PMD range. */
    static boolean thpBacks(FaultContext ctx, long hva) {
        Vma vma = ctx.vma();
        if (!vma.backing().thp() || vma.has(VmFlag.VM_NOHUGEPAGE) || vma.has(VmFlag.VM_HUGETLB) || vma.has(VmFlag.VM_PFNMAP)) {
            return false;
        }
        long pmd = ctx.pmdSize();
        long down = U64.alignDown(hva, pmd);
        return U64.le(vma.start(), down) && U64.fits(down, pmd) && U64.le(U64.last(down, pmd), U64.last(vma.start(), vma.size()));
    }

    static String misalignment(FaultContext ctx, long block) {
        long mask = block - 1;
        long go = ctx.slot().gpa() & mask;
        long ho = ctx.slot().hva() & mask;
        if (go != ho) {
            return "memslot GPA offset " + U64.hex(go) + " != HVA offset " + U64.hex(ho) + " inside " + U64.size(block);
        }
        return "the " + U64.size(block) + " block does not lie inside the memslot";
    }

}
