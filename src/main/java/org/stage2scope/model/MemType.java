package org.stage2scope.model;

/**
 * The memory type of a VMA's {@code vm_page_prot}: how the host itself maps the memory.
 * arm64 names are the MAIR_EL1 indices Linux uses; x86 names are PAT types.
 */
public enum MemType implements Named {
    MT_NORMAL("MT_NORMAL", Arch.ARM64, true),
    MT_NORMAL_TAGGED("MT_NORMAL_TAGGED", Arch.ARM64, true),
    MT_NORMAL_NC("MT_NORMAL_NC", Arch.ARM64, false),
    MT_DEVICE_nGnRnE("MT_DEVICE_nGnRnE", Arch.ARM64, false),
    MT_DEVICE_nGnRE("MT_DEVICE_nGnRE", Arch.ARM64, false),
    WB("WB", null, true),
    WT("WT", null, true),
    WP("WP", null, true),
    WC("WC", null, false),
    UC_MINUS("UC-", null, false),
    UC("UC", null, false);

    private final String id;
    private final Arch onlyArch;
    private final boolean cacheable;

    MemType(String id, Arch onlyArch, boolean cacheable) {
        this.id = id;
        this.onlyArch = onlyArch;
        this.cacheable = cacheable;
    }

    @Override
    public String id() {
        return id;
    }

    /** arm64 types for arm64 hosts, PAT types for both x86 vendors. */
    public boolean appliesTo(Arch arch) {
        return onlyArch == null ? arch.isX86() : onlyArch == arch;
    }

    /**
     * Whether the host maps this type cacheable. On arm64 this is exactly the kernel's
     * {@code kvm_vma_is_cacheable}: false for MT_NORMAL_NC, MT_DEVICE_nGnRnE and MT_DEVICE_nGnRE.
     */
    public boolean cacheable() {
        return cacheable;
    }

    public static MemType defaultFor(Arch arch) {
        return arch == Arch.ARM64 ? MT_NORMAL : WB;
    }
}
