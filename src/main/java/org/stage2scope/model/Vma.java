package org.stage2scope.model;

import java.util.Set;

/**
 * A host VMA of the VMM process: [start, start + size) in host virtual address space.
 * Only the shape is checked here; whether KVM accepts a memslot over it is the engine's job.
 */
public record Vma(String name, long start, long size, Perms perms, Set<VmFlag> flags, MemType memType, Backing backing) {

    public Vma {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a VMA needs a name");
        }
        if (size == 0) {
            throw new IllegalArgumentException("a VMA cannot be empty");
        }
        if (!U64.fits(start, size)) {
            throw new IllegalArgumentException("VMA " + U64.hex(start) + " + " + U64.hex(size) + " wraps past 2^64");
        }
        flags = Set.copyOf(flags);
        for (VmFlag f : flags) {
            if (f.isPermission()) {
                throw new IllegalArgumentException(f.name() + " belongs in the VMA's perms, not its flags");
            }
        }
        if (perms == null || memType == null || backing == null) {
            throw new IllegalArgumentException("a VMA needs perms, memType and backing");
        }
    }

    /** Exclusive end; 0 when the VMA ends exactly at 2^64. */
    public long end() {
        return start + size;
    }

    public boolean has(VmFlag flag) {
        return flags.contains(flag);
    }

    public boolean contains(long hva) {
        return U64.le(start, hva) && U64.le(hva, U64.last(start, size));
    }
}
