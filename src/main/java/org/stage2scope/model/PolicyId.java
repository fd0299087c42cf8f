package org.stage2scope.model;

/**
 * The uAPI proposals of the 2025 cacheable-PFNMAP debate (shared/domain/policies.md). They differ
 * only in the VM_PFNMAP memslot check and the device-PFNMAP fault branch; the engine holds the rules.
 */
public enum PolicyId implements Named {
    PRE_6_17("pre-6.17", "arm64 before the series: device PFNMAP always forced non-cacheable"),
    UPSTREAM("upstream", "Linux 6.17+: the VMA's pgprot decides, KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED reports FWB+DIC"),
    V6_ENABLE_FLAG("v6-enable-flag", "patch v6: KVM_MEM_ENABLE_CACHEABLE_PFNMAP memslot flag (bit 3)"),
    FORCE_FLAG("force-flag", "KVM_MEM_FORCE_CACHEABLE_PFNMAP, one-sided: refused on a non-cacheable VMA"),
    FORCE_FLAG_STRICT("force-flag-strict", "KVM_MEM_FORCE_CACHEABLE_PFNMAP, symmetric: set exactly when the VMA is cacheable");

    private final String id;
    private final String summary;

    PolicyId(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    @Override
    public String id() {
        return id;
    }

    public String summary() {
        return summary;
    }
}
