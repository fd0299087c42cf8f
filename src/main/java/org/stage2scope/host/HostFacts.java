package org.stage2scope.host;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.KvmCaps;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.X86Quirk;

/**
 * What probe read from the machine it runs on. Everything is optional except uname and the page
 * size: each part that could not be read has a sentence in {@link #unreadable()}.
 *
 * @param release      uname -r
 * @param machine      uname -m ("x86_64", "aarch64")
 * @param pageSize     sysconf(_SC_PAGESIZE)
 * @param cpuVendor    /proc/cpuinfo vendor_id ("GenuineIntel", "AuthenticAMD"; "" on arm64 or unknown)
 * @param cpuFlags     /proc/cpuinfo flags (x86) or Features (arm64) of the first CPU
 * @param physBits     x86 /proc/cpuinfo "address sizes" physical bits (MAXPHYADDR), 0 when absent
 * @param virtBits     x86 /proc/cpuinfo "address sizes" virtual bits, 0 when absent
 * @param kvm          what KVM answered, or null when /dev/kvm could not be used
 * @param unreadable   one sentence per thing that could not be read
 */
public record HostFacts(String release, String machine, long pageSize, String cpuVendor, Set<String> cpuFlags,
                        int physBits, int virtBits, KvmFacts kvm, List<String> unreadable) {

    public HostFacts {
        cpuFlags = Set.copyOf(cpuFlags);
        unreadable = List.copyOf(unreadable);
    }

    /** The model's architecture for this machine, or null when Stage2Scope does not model it. */
    public Arch arch() {
        if ("aarch64".equals(machine)) {
            return Arch.ARM64;
        }
        if (!"x86_64".equals(machine)) {
            return null;
        }
        return switch (cpuVendor) {
            case "GenuineIntel" -> Arch.X86_INTEL;
            case "AuthenticAMD", "HygonGenuine" -> Arch.X86_AMD;
            default -> null;
        };
    }

    /** The model's page size, or null when the host's is not 4K, 16K or 64K. */
    public Granule granule() {
        for (Granule g : Granule.values()) {
            if (g.pageSize() == pageSize) {
                return g;
            }
        }
        return null;
    }

    public boolean selfSnoop() {
        return cpuFlags.contains("ss");
    }

    /**
     * The scenario's host as far as it could be read. x86 user VA: one bit less than the CPU's virtual
     * bits (the kernel keeps the upper half); arm64 user VA is not visible here and stays 48.
     * CTR_EL0.DIC and FEAT_S2FWB are not visible from user space either: capability 243 answers
     * their conjunction, so a 1 adds both and a 0 adds neither (the sentence says which is unknown).
     */
    public Host toHost() {
        Arch arch = arch();
        Granule granule = granule();
        if (arch == null || granule == null) {
            throw new IllegalStateException("this host cannot be described as a scenario host: " + String.join(" ", unreadable));
        }
        int vaBits = Host.defaultVaBits(arch);
        if (arch.isX86() && virtBits > 32 && virtBits <= 58) {
            vaBits = virtBits - 1;
        }
        Set<CpuFeature> features = EnumSet.noneOf(CpuFeature.class);
        if (arch.isX86() && selfSnoop()) {
            features.add(CpuFeature.SELF_SNOOP);
        }
        if (arch == Arch.ARM64) {
            if (cpuFlags.contains("mte")) {
                features.add(CpuFeature.MTE);
            }
            if (kvm != null && Boolean.TRUE.equals(kvm.cacheablePfnmap())) {
                features.add(CpuFeature.FWB);
                features.add(CpuFeature.DIC);
            }
        }
        return new Host(arch, granule, vaBits, features, caps(arch));
    }

    /** KvmCaps from KVM's answers; the upstream defaults when KVM could not be asked. */
    public KvmCaps caps(Arch arch) {
        if (kvm == null) {
            return KvmCaps.defaults(arch);
        }
        int slots = (int) Math.max(1, Math.min(kvm.nrMemslots(), KvmCaps.MEM_SLOTS_NUM));
        return new KvmCaps(release, slots, kvm.effectiveAddressSpaces(), kvm.readonlyMem(), kvm.guestMemfd());
    }

    /** The scenario's VM: x86 ipaBits from MAXPHYADDR, quirks at KVM's defaults; arm64 the default 40-bit IPA. */
    public Vm toVm() {
        Arch arch = arch();
        int ipaBits = 40;
        if (arch != null && arch.isX86() && physBits >= 32 && physBits <= 52) {
            ipaBits = physBits;
        }
        Set<X86Quirk> quirks = arch != null && arch.isX86() ? Set.of(X86Quirk.IGNORE_GUEST_PAT) : Set.of();
        return new Vm(ipaBits, false, PolicyId.UPSTREAM, quirks, false);
    }

    /**
     * A scenario holding only this host and a default VM on it, no VMAs, no calls, an empty guest: what
     * {@code probe -o} writes and File > New from this host opens.
     *
     * @throws IllegalStateException when this host cannot be described as a scenario host (see {@link #toHost})
     */
    public Scenario toScenario() {
        String why = kvm == null ? " KVM could not be asked, so its memslot limits are the upstream defaults." : "";
        return new Scenario("this host (Linux " + release + ")", "Written by stage2scope probe on a "
                + machine + " host running Linux " + release + "." + why, toHost(), toVm(),
                List.of(), List.of(), Guest.EMPTY);
    }

    /**
     * The scenario fields {@link #toScenario} fills with documented defaults because this host did not
     * say, each as "field value (why)"; empty when everything was read.
     */
    public List<String> defaultsUsed() {
        List<String> out = new ArrayList<>();
        Arch arch = arch();
        if (arch == null) {
            return out;
        }
        if (kvm == null) {
            KvmCaps d = KvmCaps.defaults(arch);
            out.add("host.kvm " + d.userMemSlots() + " user slots, " + d.addressSpaces() + " address space"
                    + (d.addressSpaces() == 1 ? "" : "s") + ", READONLY and GUEST_MEMFD accepted (upstream " + arch.id()
                    + " default VM, KvmCaps.defaults)");
        }
        if (arch == Arch.ARM64) {
            out.add("host.vaBits " + Host.defaultVaBits(arch) + " (the kernel's VA_BITS is not visible from user space)");
            out.add("vm.ipaBits 40 (KVM's default IPA size for VM type 0)");
            if (kvm == null || kvm.cacheablePfnmap() == null) {
                out.add("no FWB and no DIC (capability 243 could not be read)");
            }
        } else if (virtBits == 0) {
            out.add("host.vaBits " + Host.defaultVaBits(arch) + " and vm.ipaBits 40 (/proc/cpuinfo has no \"address sizes\")");
        }
        return out;
    }

    /** Sentences for the reader: what could not be read, then what was assumed. */
    public List<String> assumptions() {
        List<String> out = new ArrayList<>();
        Arch arch = arch();
        if (arch == Arch.ARM64) {
            out.add("FEAT_S2FWB and CTR_EL0.DIC are not visible from user space: "
                    + (kvm != null && kvm.cacheablePfnmap() != null
                    ? (kvm.cacheablePfnmap() ? "capability 243 is 1, so the host has both"
                    : "capability 243 is 0, so at least one is missing; neither is listed")
                    : "capability 243 could not be read, so neither is listed")
                    + "; IDC is never listed. The user VA size stays at the default 48 bits.");
        }
        if (arch != null && arch.isX86() && physBits > 0 && (cpuFlags.contains("sme") || cpuFlags.contains("tme"))) {
            // x86_phys_bits (what /proc/cpuinfo prints) loses the SME C-bit or MKTME KeyID bits, while
            // kvm_mmu_max_gfn() uses the raw CPUID 0x80000008 value (kvm_get_host_maxphyaddr, spte.c).
            out.add("This CPU lists " + (cpuFlags.contains("sme") ? "sme" : "tme") + ": /proc/cpuinfo's " + physBits
                    + " physical bits may lack the memory-encryption key bits that KVM's kvm_mmu_max_gfn() still counts, "
                    + "so vm.ipaBits " + physBits + " may refuse a slot near the top that this kernel accepts.");
        }
        if (arch != null && arch.isX86() && virtBits == 0) {
            out.add("/proc/cpuinfo has no \"address sizes\" line: the user VA stays at 47 bits and the VM's physical bits at 40.");
        }
        return out;
    }
}
