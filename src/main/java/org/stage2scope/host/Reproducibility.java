package org.stage2scope.host;

import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * Which scenarios and calls this host can reproduce, and why not. Pure: decided from the scenario
 * and the probed host before anything is opened, so every refusal is said, never silently skipped.
 */
public final class Reproducibility {
    private final Scenario scenario;
    private final HostFacts host;
    private final long hostUserLimit;

    public Reproducibility(Scenario scenario, HostFacts host) {
        this.scenario = scenario;
        this.host = host;
        this.hostUserLimit = hostUserLimit(host);
    }

    /**
     * The top of this host's user address space as access_ok sees it: x86-64 TASK_SIZE_MAX is
     * 2^(virtual bits - 1) minus one guard page; arm64 TASK_SIZE_MAX is 2^VA_BITS (48 assumed: the
     * kernel's VA_BITS is not visible in /proc/cpuinfo).
     */
    static long hostUserLimit(HostFacts h) {
        if ("x86_64".equals(h.machine())) {
            int bits = h.virtBits() > 32 ? h.virtBits() - 1 : 47;
            return (1L << bits) - h.pageSize();
        }
        return 1L << 48;
    }

    public long hostUserLimit() {
        return hostUserLimit;
    }

    /** Why the whole scenario cannot be replayed here, or null when it can. */
    public String blocker() {
        if (host.kvm() == null) {
            String why = host.unreadable().stream().filter(s -> s.startsWith(Probe.DEV_KVM)).findFirst()
                    .orElse(host.unreadable().isEmpty() ? "KVM could not be asked." : host.unreadable().get(0));
            int cut = why.indexOf(", so ");
            return Replay.NOTHING_REPLAYED + lowerFirst(cut > 0 ? why.substring(0, cut) + "." : why);
        }
        Arch arch = host.arch();
        Arch wanted = scenario.host().arch();
        if (arch == null || arch.isX86() != wanted.isX86()) {
            return Replay.NOTHING_REPLAYED + "the scenario describes an " + wanted.id() + " host and this one is "
                    + host.machine() + "; memslot rules differ between architectures.";
        }
        Granule g = host.granule();
        if (g != scenario.host().pageSize()) {
            return Replay.NOTHING_REPLAYED + "the scenario's PAGE_SIZE is " + scenario.host().pageSize().id()
                    + " and this host's is " + U64.human(host.pageSize()) + "; every alignment check would differ.";
        }
        if (wanted == Arch.ARM64 && scenario.vm().ipaBits() > host.kvm().armIpaSize() && host.kvm().armIpaSize() > 0) {
            return Replay.NOTHING_REPLAYED + "the scenario's VM has a " + scenario.vm().ipaBits()
                    + "-bit IPA space and this host's KVM_CAP_ARM_VM_IPA_SIZE is " + host.kvm().armIpaSize() + ".";
        }
        if (scenario.vm().mte() && !host.kvm().armMte()) {
            return Replay.NOTHING_REPLAYED + "the scenario's VM enables MTE and this host's KVM_CAP_ARM_MTE is 0.";
        }
        return null;
    }

    /**
     * Why this call cannot be issued here, or null. Decided per call, in this order: guest_memfd
     * support, a proposal-only flag, an HVA this host's user space cannot hold, then the VMAs the
     * call's HVA range covers.
     */
    public String callReason(MemslotCall c) {
        if (c.has(MemslotFlag.KVM_MEM_GUEST_MEMFD) && (!host.kvm().guestMemfd() || !host.kvm().userMemory2())) {
            return "guest_memfd is unsupported here (KVM_CAP_GUEST_MEMFD " + (host.kvm().guestMemfd() ? 1 : 0)
                    + ", KVM_CAP_USER_MEMORY2 " + (host.kvm().userMemory2() ? 1 : 0) + ")";
        }
        if (scenario.vm().policy() != PolicyId.UPSTREAM && (c.has(MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP)
                || c.has(MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP))) {
            return "bit 3 is a flag of the proposal " + scenario.vm().policy().id() + ", which no released kernel implements";
        }
        if (c.size() == 0) {
            return null;
        }
        Host sh = scenario.host();
        boolean userForScenario = U64.le(c.size(), sh.userAddressLimit()) && U64.le(c.hva(), sh.userAddressLimit() - c.size());
        boolean userHere = U64.le(c.size(), hostUserLimit) && U64.le(c.hva(), hostUserLimit - c.size());
        if (userForScenario && !userHere) {
            return "HVA range " + U64.hex(c.hva()) + " + " + U64.human(c.size()) + " lies above this host's user VA (top "
                    + U64.hex(hostUserLimit) + ")";
        }
        if (!userForScenario) {
            return null;
        }
        for (Vma v : scenario.vmas()) {
            if (!overlaps(v, c)) {
                continue;
            }
            String r = vmaReason(v);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Why a VMA cannot be stood in for by an anonymous or memfd mapping here, or null. */
    String vmaReason(Vma v) {
        boolean arm = scenario.host().arch() == Arch.ARM64;
        boolean device = v.has(VmFlag.VM_PFNMAP) || v.has(VmFlag.VM_MIXEDMAP) || v.backing().kind() == org.stage2scope.model.Backing.Kind.DEVICE;
        // x86 kvm_arch_prepare_memory_region never looks at the VMAs, so any stand-in gives the same answer.
        if (device && arm) {
            return "VMA " + v.name() + " is a VM_PFNMAP/device mapping, and there is no device to map here";
        }
        if (arm && scenario.vm().mte() && !v.has(VmFlag.VM_MTE_ALLOWED)) {
            return "VMA " + v.name() + " lacks VM_MTE_ALLOWED, but every anonymous or memfd stand-in gets it on arm64";
        }
        return null;
    }

    static boolean overlaps(Vma v, MemslotCall c) {
        return U64.le(v.start(), U64.last(c.hva(), c.size())) && U64.le(c.hva(), U64.last(v.start(), v.size()));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.startsWith("/") ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
