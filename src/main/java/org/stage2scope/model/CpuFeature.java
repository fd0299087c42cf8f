package org.stage2scope.model;

/** Host CPU features the engine's rules depend on. */
public enum CpuFeature implements Named {
    /** arm64 FEAT_S2FWB: stage 2 can force write-back, so KVM skips data-cache maintenance. */
    FWB("FWB", Arch.ARM64),
    /** arm64 CTR_EL0.DIC: no instruction-cache invalidation needed for coherence. */
    DIC("DIC", Arch.ARM64),
    /** arm64 CTR_EL0.IDC: no data-cache clean to PoU needed for instruction coherence. */
    IDC("IDC", Arch.ARM64),
    /** arm64 FEAT_MTE2: memory tagging available to guests. */
    MTE("MTE", Arch.ARM64),
    /** x86 self-snoop: without it KVM cannot honour the guest's PAT and always forces WB. */
    SELF_SNOOP("SELF_SNOOP", null);

    private final String id;
    private final Arch onlyArch;

    CpuFeature(String id, Arch onlyArch) {
        this.id = id;
        this.onlyArch = onlyArch;
    }

    @Override
    public String id() {
        return id;
    }

    /** Whether the feature exists on this architecture (SELF_SNOOP is x86, the others arm64). */
    public boolean appliesTo(Arch arch) {
        return onlyArch == null ? arch.isX86() : onlyArch == arch;
    }
}
