package org.stage2scope.engine.memtype;

import org.stage2scope.engine.Rule;

/** The architectural rules a stage-1 x stage-2 combination can cite. Ids are stable: tests and reports use them. */
public final class MemtypeRules {
    private MemtypeRules() {}

    public static final Rule S1_RESERVED = new Rule("memtype.arm64.s1.reserved",
            "Arm ARM MAIR_ELx.Attr<n>", "the stage-1 MAIR byte is UNPREDICTABLE or reserved");
    public static final Rule S2_RESERVED = new Rule("memtype.arm64.s2.reserved",
            "Arm ARM S2DecodeMemAttrs", "the stage-2 MemAttr is UNPREDICTABLE");
    public static final Rule DEVICE_BOTH = new Rule("memtype.arm64.device.both",
            "Arm ARM S2CombineS1Device", "both stages Device: the stronger Device type");
    public static final Rule DEVICE_S1 = new Rule("memtype.arm64.device.s1",
            "Arm ARM S2CombineS1MemAttrs", "stage 1 Device, stage 2 Normal: stage 1's Device type");
    public static final Rule DEVICE_S2 = new Rule("memtype.arm64.device.s2",
            "Arm ARM S2CombineS1MemAttrs", "stage 2 Device, stage 1 Normal: stage 2's Device type");
    public static final Rule NORMAL = new Rule("memtype.arm64.normal",
            "Arm ARM S2CombineS1AttrHints", "both Normal: per level the less cacheable, hints from stage 1");
    public static final Rule FWB_DEVICE = new Rule("memtype.arm64.s2fwb.device",
            "Arm ARM AArch64.S2ApplyFWBMemAttrs", "FWB, stage 2 Device: Device, the stronger if stage 1 is Device too");
    public static final Rule FWB_NC = new Rule("memtype.arm64.s2fwb.nc",
            "Arm ARM AArch64.S2ApplyFWBMemAttrs", "FWB, stage 2 0b101: Normal NC unless stage 1 is Device");
    public static final Rule FWB_FORCE_WB = new Rule("memtype.arm64.s2fwb.force-wb",
            "Arm ARM AArch64.S2ApplyFWBMemAttrs", "FWB, stage 2 0b110: forced Normal write-back");
    public static final Rule FWB_S1 = new Rule("memtype.arm64.s2fwb.use-s1",
            "Arm ARM AArch64.S2ApplyFWBMemAttrs", "FWB, stage 2 0b111: exactly the stage-1 attributes");
    public static final Rule FWB_RESERVED = new Rule("memtype.arm64.s2fwb.reserved",
            "Arm ARM AArch64.S2ApplyFWBMemAttrs", "FWB, stage 2 MemAttr reserved");

    public static final Rule EPT_IPAT = new Rule("memtype.x86.ept.ipat",
            "Intel SDM vol. 3C, memory type for translated guest-physical addresses (IPAT = 1)", "EPT ignore-PAT: the EPT memory type alone");
    public static final Rule EPT_PAT = new Rule("memtype.x86.ept.pat",
            "Intel SDM vol. 3C, memory type for translated guest-physical addresses (IPAT = 0: vol. 3A PAT x MTRR table, EPT type as MTRR type)", "EPT type combined with the guest PAT type");
    public static final Rule EPT_RESERVED = new Rule("memtype.x86.ept.reserved",
            "Intel SDM vol. 3C, EPT misconfigurations (reserved memory type)", "the EPT memory type is reserved");
    public static final Rule NPT_MODELLED = new Rule("memtype.x86.npt.modelled",
            "AMD APM vol. 2, nested paging: combining guest and host PAT types (modelled)", "NPT host type combined with the guest PAT type (modelled)");
}
