package org.stage2scope.io.qemu;

import java.util.List;
import java.util.Set;
import org.stage2scope.model.Arch;

/**
 * Guesses the host architecture from the machine's region names. Under KVM the guest runs on the
 * host's own architecture, so an aarch64 {@code virt} machine means an arm64 host and a PC machine an x86 one.
 */
final class ArchGuess {
    private ArchGuess() {}

    private static final Set<String> ARM64_REGIONS = Set.of("virt.flash0", "virt.flash1", "gic_dist", "gic_cpu", "gicv2m",
            "gicv3_dist", "gicv3_its", "pl011", "pl031", "mach-virt.ram", "platform bus");
    private static final Set<String> X86_REGIONS = Set.of("pc.ram", "pc.bios", "pc.rom", "isa-bios", "ioapic", "apic-msi",
            "kvmvapic", "hpet", "lpc-rcrb-mmio");

    /** The guess with its reason, or null when nothing tells. */
    static Guess guess(List<FlatView> views, SmapsFile smaps) {
        int arm = 0;
        int x86 = 0;
        for (FlatView v : views) {
            for (FlatRange r : v.ranges()) {
                if (ARM64_REGIONS.contains(r.region())) {
                    arm++;
                } else if (X86_REGIONS.contains(r.region())) {
                    x86++;
                }
            }
        }
        if (arm > x86) {
            return new Guess(Arch.ARM64, "the flat view has arm64 virt-machine regions (virt.flash0, gic_dist, pl011 ...)");
        }
        if (x86 > arm) {
            return new Guess(Arch.X86_INTEL, "the flat view has PC regions (pc.ram, pc.bios, ioapic ...)");
        }
        for (SmapsVma v : smaps.vmas()) {
            if (v.path().endsWith("/qemu-system-aarch64")) {
                return new Guess(Arch.ARM64, "the process maps qemu-system-aarch64");
            }
            if (v.path().endsWith("/qemu-system-x86_64") || v.path().endsWith("/qemu-system-i386")) {
                return new Guess(Arch.X86_INTEL, "the process maps " + v.path().substring(v.path().lastIndexOf('/') + 1));
            }
        }
        return null;
    }

    record Guess(Arch arch, String reason) {}
}
