package org.stage2scope.model;

import java.util.Set;

/**
 * The machine KVM runs on.
 *
 * @param vaBits   host user virtual address bits; {@code access_ok} refuses HVAs at or above 2^vaBits
 * @param features what the CPU has; a feature not listed is absent
 * @param kvm      what the host's KVM reports about memslots (probe fills it; upstream defaults otherwise)
 */
public record Host(Arch arch, Granule pageSize, int vaBits, Set<CpuFeature> features, KvmCaps kvm) {

    /** A host whose KVM reports the upstream defaults for its architecture. */
    public Host(Arch arch, Granule pageSize, int vaBits, Set<CpuFeature> features) {
        this(arch, pageSize, vaBits, features, arch == null ? null : KvmCaps.defaults(arch));
    }

    public Host {
        if (arch == null || pageSize == null || kvm == null) {
            throw new IllegalArgumentException("host arch, pageSize and kvm are required");
        }
        if (vaBits < 32 || vaBits > 57) {
            throw new IllegalArgumentException("vaBits " + vaBits + " is outside 32..57");
        }
        if (arch.isX86() && pageSize != Granule.G4K) {
            throw new IllegalArgumentException("x86 hosts have 4K pages only, got " + pageSize.id());
        }
        features = Set.copyOf(features);
        for (CpuFeature f : features) {
            if (!f.appliesTo(arch)) {
                throw new IllegalArgumentException("feature " + f.id() + " does not exist on " + arch.id());
            }
        }
    }

    public Host withKvm(KvmCaps k) {
        return new Host(arch, pageSize, vaBits, features, k);
    }

    /*
     * Edits keep kvm: it is what the host's KVM reported (probe), and a page-size or feature edit models
     * the same kernel with another CPU or configuration, not an upstream default kernel.
     */

    public Host withPageSize(Granule g) {
        return new Host(arch, g, vaBits, features, kvm);
    }

    public Host withFeatures(Set<CpuFeature> f) {
        return new Host(arch, pageSize, vaBits, f, kvm);
    }

    /**
     * The same host on another CPU of its family (Intel and AMD run the same x86 KVM memslot code, so the
     * probed limits carry over); across families the limits are that arch's upstream defaults.
     */
    public Host withArch(Arch a, Set<CpuFeature> f) {
        boolean sameFamily = a.isX86() == arch.isX86();
        return new Host(a, pageSize, vaBits, f, sameFamily ? kvm : KvmCaps.defaults(a));
    }

    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /**
     * The top of the user address space as access_ok tests it (the range must end at or below it).
     * arm64: TASK_SIZE_MAX = 2^VA_BITS. x86-64: TASK_SIZE_MAX = 2^47 (2^56 with LA57) minus one guard
     * page, and __access_ok compares the range's end with USER_PTR_MAX = TASK_SIZE_MAX
     * (arch/x86/include/asm/uaccess_64.h, arch/x86/kernel/cpu/common.c).
     */
    public long userAddressLimit() {
        return arch.isX86() ? (1L << vaBits) - pageSize.pageSize() : 1L << vaBits;
    }

    public static int defaultVaBits(Arch arch) {
        return arch == Arch.ARM64 ? 48 : 47;
    }
}
