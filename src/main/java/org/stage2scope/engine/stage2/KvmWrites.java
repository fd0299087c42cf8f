package org.stage2scope.engine.stage2;

import java.util.List;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;

/**
 * The stage-2 attributes KVM actually writes, per architecture: the few columns of the stage-1 x
 * stage-2 table a guest can ever meet. Taken from the same constants and entry builders the fault
 * path uses, so the explorer's marks cannot drift from the mappings the engine installs.
 */
public final class KvmWrites {
    private KvmWrites() {}

    /**
     * One value KVM writes.
     *
     * @param stage2   arm64 MemAttr[3:0] as "0b0110"; x86 the EPT/NPT type "WB"
     * @param ipat     Intel's IPAT bit; null on arm64 and AMD
     * @param what     what KVM maps with it ("RAM", "MMIO", ...)
     * @param function the kernel function that writes it
     */
    public record Write(String stage2, Boolean ipat, String what, String function) {}

    public static List<Write> of(Arch arch, boolean fwb) {
        return switch (arch) {
            case ARM64 -> arm64(fwb);
            case X86_INTEL -> intel();
            case X86_AMD -> amd();
        };
    }

    /** stage2_set_prot_attr: RAM and cacheable PFNMAP, Normal-NC (VM_ALLOW_ANY_UNCACHED), Device-nGnRE. */
    public static List<Write> arm64(boolean fwb) {
        String fn = "stage2_set_prot_attr (user_mem_abort)";
        return List.of(
                new Write(Stage2Entry.bits(fwb ? Arm64Fault.ATTR_NORMAL_FWB : Arm64Fault.ATTR_NORMAL_NOFWB), null,
                        "RAM, cacheable PFNMAP", fn),
                new Write(Stage2Entry.bits(Arm64Fault.ATTR_NC), null, "PFNMAP, ALLOW_ANY_UNCACHED", fn),
                new Write(Stage2Entry.bits(Arm64Fault.ATTR_DEVICE), null, "device PFNMAP", fn));
    }

    /** vmx_get_mt_mask: MMIO, RAM with KVM_X86_QUIRK_IGNORE_GUEST_PAT, RAM without it (or with non-coherent DMA). */
    public static List<Write> intel() {
        Stage2Entry mmio = X86Fault.mmioEntry(true);
        Stage2Entry quirk = X86Fault.ramEntry(true, X86Fault.ramIpat(true, true, false));
        Stage2Entry noQuirk = X86Fault.ramEntry(true, X86Fault.ramIpat(false, true, false));
        return List.of(
                new Write(mmio.type(), mmio.ipat(), "MMIO (kvm_is_mmio_pfn)", "vmx_get_mt_mask"),
                new Write(quirk.type(), quirk.ipat(), "RAM, IGNORE_GUEST_PAT on", "vmx_get_mt_mask"),
                new Write(noQuirk.type(), noQuirk.ipat(), "RAM, quirk off or non-coherent DMA", "vmx_get_mt_mask"));
    }

    /** NPT (modelled): RAM through host PAT entry 0 (WB), MMIO UC through the host MTRRs. */
    public static List<Write> amd() {
        return List.of(
                new Write(X86Fault.ramEntry(false, false).type(), null, "RAM (host PAT entry 0)", "NPT, modelled"),
                new Write(X86Fault.mmioEntry(false).type(), null, "MMIO (host MTRR UC)", "NPT, modelled"));
    }
}
