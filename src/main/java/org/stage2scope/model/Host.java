package org.stage2scope.model;

import java.util.Set;

/**
 * The machine KVM runs on.
 *
 * @param vaBits   host user virtual address bits; {@code access_ok} refuses HVAs at or above 2^vaBits
 * @param features what the CPU has; a feature not listed is absent
 */
public record Host(Arch arch, Granule pageSize, int vaBits, Set<CpuFeature> features) {

    public Host {
        if (arch == null || pageSize == null) {
            throw new IllegalArgumentException("host arch and pageSize are required");
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

    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /** The top of the user address space: 2^vaBits (x86-64 4-level: 2^47 minus a guard page, kept simple). */
    public long userAddressLimit() {
        return 1L << vaBits;
    }

    public static int defaultVaBits(Arch arch) {
        return arch == Arch.ARM64 ? 48 : 47;
    }
}
