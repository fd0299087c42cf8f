package org.stage2scope.engine.stage2;

import java.util.List;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;

/**
 * One x86 TDP (EPT/NPT) fault inside a memslot: arch/x86/kvm/mmu/mmu.c kvm_tdp_page_fault with the
 * level from kvm_mmu_max_mapping_level and the memory type from vmx_get_mt_mask (Intel) or NPT's
 * host PAT entry 0 (AMD, modelled). All policies are the same on x86.
 */
final class X86Fault {
    private X86Fault() {}

    static Decision fault(FaultContext ctx, long hva, GuestAccess.Kind kind, List<String> trace) {
        boolean write = kind == GuestAccess.Kind.WRITE;
        long page = ctx.pageSize();
        boolean intel = ctx.host().arch() == Arch.X86_INTEL;

        if (ctx.gmem()) {
            if (trace != null) {
                trace.add("kvm_mmu_faultin_pfn: guest_memfd memslot -> kvm_mmu_faultin_pfn_private (no VMA lookup)");
            }
            Stage2Entry e = ramEntry(ctx, intel, true, page);
            return new Decision(AccessOutcome.MAPPED, e, page, intel ? S2Rules.X86_EPT : S2Rules.X86_NPT,
                    "guest_memfd memslot: 4K (modelled), " + typeName(e));
        }
        Vma vma = ctx.vma();
        if (vma == null) {
            if (trace != null) {
                trace.add("hva_to_pfn: no VMA at " + U64.hex(hva) + " -> KVM_PFN_ERR_FAULT -> kvm_handle_error_pfn: -EFAULT");
            }
            return new Decision(AccessOutcome.EFAULT, null, page, S2Rules.X86_NOVMA,
                    "hva_to_pfn: no VMA at HVA " + U64.hex(hva) + " (a hole in the memslot's HVA range) -> -EFAULT");
        }
        if (trace != null) {
            trace.add("kvm_mmu_faultin_pfn: HVA " + U64.hex(hva) + " in " + vma.name());
        }
        if (ctx.poisoned(hva)) {
            if (trace != null) {
                trace.add("kvm_handle_error_pfn: KVM_PFN_ERR_HWPOISON -> kvm_send_hwpoison_signal: SIGBUS");
            }
            return new Decision(AccessOutcome.SIGBUS, null, page, S2Rules.X86_HWPOISON,
                    "page at HVA " + U64.hex(U64.alignDown(hva, page)) + " is hardware-poisoned -> SIGBUS to the VMM");
        }
        if (write && !vma.perms().write()) {
            if (trace != null) {
                trace.add("hva_to_pfn: write fault on a VMA without write permission -> KVM_PFN_ERR_FAULT -> -EFAULT");
            }
            return new Decision(AccessOutcome.EFAULT, null, page, S2Rules.WRITE_RO_VMA,
                    "hva_to_pfn: VMA " + vma.name() + " (" + vma.perms() + ") is not writable -> -EFAULT");
        }
        boolean writable = vma.perms().write() && !ctx.readonlySlot();
        StringBuilder why = new StringBuilder();
        long size = level(ctx, hva, why);
        if (trace != null) {
            trace.add("kvm_mmu_max_mapping_level: " + why + " -> " + U64.size(size));
        }
        boolean mmio = vma.backing().kind() == Backing.Kind.DEVICE;
        Stage2Entry e = mmio ? mmioEntry(intel, writable, size) : ramEntry(ctx, intel, writable, size);
        String typeWhy = typeReason(ctx, intel, mmio);
        if (trace != null) {
            trace.add((intel ? "vmx_get_mt_mask: " : "NPT: ") + typeWhy);
        }
        if (trace != null) {
            trace.add("make_spte: " + U64.size(size) + " " + typeName(e) + " " + e.perms());
        }
        return new Decision(AccessOutcome.MAPPED, e, size, intel ? S2Rules.X86_EPT : S2Rules.X86_NPT,
                U64.size(size) + ": " + why + "; " + typeWhy
                        + (ctx.readonlySlot() ? "; KVM_MEM_READONLY: writes are emulated as MMIO"
                                : !vma.perms().write() ? "; VMA not writable: writes return -EFAULT" : ""));
    }

    /**
     * kvm_mmu_max_mapping_level: the host mapping level (host_pfn_mapping_level: hugetlb or THP page,
     * or the PFNMAP's backing page size) capped by lpage_info (slot GPA/HVA offset and slot edges),
     * and 4K under dirty logging.
     */
    static long level(FaultContext ctx, long hva, StringBuilder why) {
        long page = ctx.pageSize();
        if (ctx.logging()) {
            why.append("dirty logging forces 4K");
            return page;
        }
        Vma vma = ctx.vma();
        long host;
        if (vma.has(VmFlag.VM_HUGETLB) || vma.has(VmFlag.VM_PFNMAP)) {
            long bp = vma.backing().pageSize();
            host = U64.le(ctx.pudSize(), bp) ? ctx.pudSize() : U64.le(ctx.pmdSize(), bp) ? ctx.pmdSize() : page;
            why.append(vma.has(VmFlag.VM_HUGETLB) ? "hugetlb " : "PFNMAP host mapping ").append(U64.size(bp)).append(" pages");
        } else if (Arm64Fault.thpBacks(ctx, hva)) {
            host = ctx.pmdSize();
            why.append("THP");
        } else {
            why.append("4K host pages");
            return page;
        }
        // The host page must lie inside the VMA (hugetlb and THP guarantee it; PFNMAP is checked).
        while (host != page) {
            long down = U64.alignDown(hva, host);
            boolean inVma = U64.le(vma.start(), down) && U64.fits(down, host)
                    && U64.le(U64.last(down, host), U64.last(vma.start(), vma.size()));
            if (inVma && ctx.slotFits(hva, host)) {
                return host;
            }
            why.append("; no ").append(U64.size(host)).append(": ")
                    .append(inVma ? Arm64Fault.misalignment(ctx, host) : "the host page does not lie inside the VMA");
            host = host == ctx.pudSize() ? ctx.pmdSize() : page;
        }
        return page;
    }

    private static boolean ignoreGuestPat(FaultContext ctx) {
        return ramIpat(ctx.vm().has(X86Quirk.IGNORE_GUEST_PAT), ctx.host().has(CpuFeature.SELF_SNOOP), ctx.vm().noncoherentDma());
    }

    /**
     * vmx_get_mt_mask for RAM: IPAT is set (the guest PAT ignored) unless non-coherent DMA is assigned
     * or userspace disabled KVM_X86_QUIRK_IGNORE_GUEST_PAT; the quirk cannot be disabled without
     * self-snoop (kvm_caps.supported_quirks drops it).
     */
    static boolean ramIpat(boolean quirk, boolean selfSnoop, boolean noncoherentDma) {
        return !noncoherentDma && (quirk || !selfSnoop);
    }

    /** The EPT/NPT entry vmx_get_mt_mask (Intel) or NPT (AMD) gives RAM with the given IPAT bit. */
    static Stage2Entry ramEntry(boolean intel, boolean ipat) {
        return ramEntry(intel ? ipat : null, true, 4096);
    }

    /** The entry for an MMIO pfn (kvm_is_mmio_pfn): UC, IPAT 0 on Intel. */
    static Stage2Entry mmioEntry(boolean intel) {
        return mmioEntry(intel, true, 4096);
    }

    private static String typeReason(FaultContext ctx, boolean intel, boolean mmio) {
        if (!intel) {
            return mmio ? "MMIO pfn: UC through the host (modelled), guest PAT combined, no IPAT on NPT"
                    : "RAM: host PAT entry 0 (WB), guest PAT wins (no IPAT on NPT, modelled)";
        }
        if (mmio) {
            return "kvm_is_mmio_pfn -> UC, IPAT 0 (guest WC still gives WC)";
        }
        if (ignoreGuestPat(ctx)) {
            return "RAM, no non-coherent DMA, IGNORE_GUEST_PAT "
                    + (ctx.vm().has(X86Quirk.IGNORE_GUEST_PAT) ? "on" : "forced on (host lacks SELF_SNOOP)") + " -> WB, IPAT 1";
        }
        return "RAM, " + (ctx.vm().noncoherentDma() ? "non-coherent DMA assigned" : "IGNORE_GUEST_PAT disabled")
                + " -> WB, IPAT 0 (guest PAT honoured)";
    }

    private static Stage2Entry ramEntry(FaultContext ctx, boolean intel, boolean writable, long size) {
        return ramEntry(intel ? ignoreGuestPat(ctx) : null, writable, size);
    }

    private static Stage2Entry ramEntry(Boolean ipat, boolean writable, long size) {
        return new Stage2Entry("WB", MemClass.WRITE_BACK, null, null, null, ipat, true, writable, true, size, false, false);
    }

    private static Stage2Entry mmioEntry(boolean intel, boolean writable, long size) {
        return new Stage2Entry("UC", MemClass.DEVICE, null, null, null, intel ? Boolean.FALSE : null, true, writable, true,
                size, false, false);
    }

    private static String typeName(Stage2Entry e) {
        return e.type() + (e.ipat() == null ? "" : e.ipat() ? " IPAT=1" : " IPAT=0");
    }

}
