package org.stage2scope.model;

import java.util.Set;

/**
 * The VM as KVM_CREATE_VM and its capabilities configured it.
 *
 * @param ipaBits        arm64 IPA size (KVM_VM_TYPE_ARM_IPA_SIZE); x86 guest physical address bits
 * @param mte            arm64 KVM_CAP_ARM_MTE enabled
 * @param policy         which cacheable-PFNMAP proposal the simulated kernel implements
 * @param quirks         x86 quirks left enabled (KVM enables IGNORE_GUEST_PAT by default)
 * @param noncoherentDma x86: a non-coherent DMA device is assigned (kvm_arch_has_noncoherent_dma)
 */
public record Vm(int ipaBits, boolean mte, PolicyId policy, Set<X86Quirk> quirks, boolean noncoherentDma) {

    public Vm {
        if (ipaBits < 32 || ipaBits > 52) {
            throw new IllegalArgumentException("ipaBits " + ipaBits + " is outside 32..52");
        }
        if (policy == null) {
            throw new IllegalArgumentException("a policy is required");
        }
        quirks = Set.copyOf(quirks);
    }

    public boolean has(X86Quirk quirk) {
        return quirks.contains(quirk);
    }
}
