package org.stage2scope.model;

/** KVM x86 quirks (KVM_CAP_DISABLE_QUIRKS2) that change the stage-2 memory type. */
public enum X86Quirk implements Named {
    /** KVM_X86_QUIRK_IGNORE_GUEST_PAT: EPT forces WB (IPAT=1) for RAM; on by default. */
    IGNORE_GUEST_PAT("IGNORE_GUEST_PAT");

    private final String id;

    X86Quirk(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Whether the quirk exists on this host: IGNORE_GUEST_PAT is an EPT quirk (vmx_get_mt_mask's IPAT bit);
     * SVM removes it from kvm_caps.supported_quirks, since NPT has no ignore-PAT bit and always honours
     * the guest PAT.
     */
    public boolean appliesTo(Arch arch) {
        return arch == Arch.X86_INTEL;
    }

    /**
     * The quirks a new VM starts with: on x86 KVM enables every quirk until userspace clears it with
     * KVM_CAP_DISABLE_QUIRKS2 (kvm_arch_init_vm sets kvm->arch.disabled_quirks to 0), arm64 has none.
     */
    public static java.util.Set<X86Quirk> defaultsFor(Arch arch) {
        return arch.isX86() ? java.util.EnumSet.of(IGNORE_GUEST_PAT) : java.util.Set.of();
    }
}
