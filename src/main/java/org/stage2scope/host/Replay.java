package org.stage2scope.host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.memslot.MemslotValidator;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Arch;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Replays a scenario's memslot calls on the running kernel: a scratch VM, stand-in mappings, then
 * each call with KVM_SET_USER_MEMORY_REGION2 (KVM_SET_USER_MEMORY_REGION where the kernel lacks it),
 * compared with the engine's prediction. Only its own VM, descriptors and mappings are touched, and
 * all of them are released before it returns, whatever happened.
 */
public final class Replay {
    /** How every report that ran nothing begins ({@link ReplayReport#whyNothingRan()} takes it off). */
    static final String NOTHING_REPLAYED = "Nothing was replayed: ";

    private Replay() {}

    /**
     * Probes this host and replays the scenario on it, as {@code stage2scope replay} and Tools > Verify
     * against this kernel do. A kernel that cannot be reached at all (no libc through JNA) or a call
     * that fails inside JNA is a report that says nothing ran, never an exception.
     */
    public static ReplayReport onThisKernel(Supplier<Kernel> kernel, Scenario scenario) {
        try {
            Kernel k = kernel.get();
            return run(k, scenario, Probe.run(k));
        } catch (IllegalStateException e) {
            return new ReplayReport(scenario.name(), "", NOTHING_REPLAYED + e.getMessage() + ".", List.of(), List.of());
        }
    }

    public static ReplayReport run(Kernel kernel, Scenario scenario, HostFacts host) {
        List<MemslotResult> predicted = MemslotValidator.replay(scenario, Policy.of(scenario.vm().policy())).results();
        Reproducibility rep = new Reproducibility(scenario, host);
        List<String> notes = new ArrayList<>(differences(scenario, host));
        String blocker = rep.blocker();
        if (blocker != null) {
            return new ReplayReport(scenario.name(), host.release(), blocker, notes, skipAll(predicted, "see above"));
        }
        try (Scratch scratch = new Scratch(kernel)) {
            return replay(kernel, scratch, scenario, host, rep, predicted, notes);
        }
    }

    private static ReplayReport replay(Kernel kernel, Scratch scratch, Scenario scenario, HostFacts host, Reproducibility rep,
                                       List<MemslotResult> predicted, List<String> notes) {
        int sys = scratch.fd(Probe.DEV_KVM, kernel.open(Probe.DEV_KVM));
        if (sys < 0) {
            return blocked(scenario, host, notes, predicted, Probe.DEV_KVM + ": " + Kernel.describe(-sys));
        }
        long type = scenario.host().arch() == Arch.ARM64 ? KvmAbi.armVmType(scenario.vm().ipaBits()) : 0;
        long vmRc = kernel.ioctl(sys, KvmAbi.KVM_CREATE_VM, type);
        if (vmRc < 0) {
            return blocked(scenario, host, notes, predicted, "KVM_CREATE_VM failed: " + Kernel.describe((int) -vmRc));
        }
        int vm = scratch.fd("scratch VM", (int) vmRc);
        if (scenario.vm().mte()) {
            long rc = kernel.ioctl(vm, KvmAbi.KVM_ENABLE_CAP, KvmAbi.enableCap(KvmAbi.KVM_CAP_ARM_MTE, 0));
            if (rc < 0) {
                return blocked(scenario, host, notes, predicted, "KVM_ENABLE_CAP(KVM_CAP_ARM_MTE) failed: " + Kernel.describe((int) -rc));
            }
        }
        boolean v2 = host.kvm().userMemory2();
        if (!v2) {
            notes.add("This kernel lacks KVM_CAP_USER_MEMORY2: calls are issued with KVM_SET_USER_MEMORY_REGION (v1).");
        }
        List<MemslotCall> calls = scenario.memslots();
        String[] reasons = new String[calls.size()];
        Set<Vma> needed = new LinkedHashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            reasons[i] = rep.callReason(calls.get(i));
            if (reasons[i] == null && calls.get(i).size() != 0) {
                for (Vma v : scenario.vmas()) {
                    if (Reproducibility.overlaps(v, calls.get(i))) {
                        needed.add(v);
                    }
                }
            }
        }
        StandIns standIns = new StandIns(kernel, scratch, host.pageSize());
        standIns.map(new ArrayList<>(needed), scenario.host().arch());
        notes.addAll(standIns.notes());
        List<CallVerdict> out = new ArrayList<>();
        String diverged = null;
        for (int i = 0; i < calls.size(); i++) {
            MemslotCall c = calls.get(i);
            MemslotResult p = predicted.get(i);
            String why = diverged != null ? diverged : reasons[i] != null ? reasons[i] : standInFailure(scenario, c, standIns);
            if (why != null) {
                out.add(CallVerdict.skipped(p, why));
                if (diverged == null && p.ok()) {
                    diverged = "follows call #" + i + ", which the engine accepted but which could not be issued here, so the slot tables differ";
                }
                continue;
            }
            long hva = c.size() == 0 ? c.hva() : standIns.translate(c.hva());
            int gmem = -1;
            if (c.has(MemslotFlag.KVM_MEM_GUEST_MEMFD)) {
                gmem = guestMemfd(kernel, scratch, vm, c, host);
                if (gmem < 0) {
                    out.add(CallVerdict.skipped(p, "KVM_CREATE_GUEST_MEMFD failed (" + Kernel.describe(-gmem) + ")"));
                    if (p.ok() && diverged == null) {
                        diverged = "follows call #" + i + ", which the engine accepted but which could not be issued here, so the slot tables differ";
                    }
                    continue;
                }
            }
            int flags = flagBits(c);
            long rc = v2
                    ? kernel.ioctl(vm, KvmAbi.KVM_SET_USER_MEMORY_REGION2,
                    KvmAbi.region2(c.rawSlot(), flags, c.gpa(), c.size(), hva, c.guestMemfdOffset(), Math.max(gmem, 0)))
                    : kernel.ioctl(vm, KvmAbi.KVM_SET_USER_MEMORY_REGION, KvmAbi.region(c.rawSlot(), flags, c.gpa(), c.size(), hva));
            out.add(CallVerdict.issued(p, rc < 0 ? (int) -rc : 0, hva));
        }
        return new ReplayReport(scenario.name(), host.release(), null, notes, out);
    }

    private static String standInFailure(Scenario scenario, MemslotCall c, StandIns standIns) {
        if (c.size() == 0) {
            return null;
        }
        for (Vma v : scenario.vmas()) {
            if (Reproducibility.overlaps(v, c) && standIns.failure(v) != null) {
                return standIns.failure(v);
            }
        }
        return null;
    }

    /** A guest_memfd large enough for the call's offset + size; one page when that cannot be represented. */
    private static int guestMemfd(Kernel kernel, Scratch scratch, int vm, MemslotCall c, HostFacts host) {
        long size = c.guestMemfdOffset() + c.size();
        if (U64.addOverflows(c.guestMemfdOffset(), c.size()) || size <= 0 || !U64.isAligned(size, host.pageSize())) {
            size = host.pageSize();
        }
        long flags = host.kvm().guestMemfdFlags() & (KvmAbi.GUEST_MEMFD_FLAG_MMAP | KvmAbi.GUEST_MEMFD_FLAG_INIT_SHARED);
        long fd = kernel.ioctl(vm, KvmAbi.KVM_CREATE_GUEST_MEMFD, KvmAbi.createGuestMemfd(size, flags));
        return fd < 0 ? (int) fd : scratch.fd("guest_memfd", (int) fd);
    }

    private static int flagBits(MemslotCall c) {
        int bits = 0;
        for (MemslotFlag f : c.flags()) {
            bits |= 1 << f.bit();
        }
        return bits;
    }

    /** Sentences for where the scenario's host differs from this one in what the memslot checks read. */
    static List<String> differences(Scenario scenario, HostFacts host) {
        List<String> out = new ArrayList<>();
        if (host.kvm() == null || host.arch() == null || host.arch().isX86() != scenario.host().arch().isX86()) {
            return out;
        }
        var want = scenario.host().kvm();
        var here = host.caps(host.arch());
        if (want.addressSpaces() != here.addressSpaces() || want.userMemSlots() != here.userMemSlots()
                || want.readonlyMem() != here.readonlyMem() || want.guestMemfd() != here.guestMemfd()) {
            out.add("The scenario's host.kvm (address spaces " + want.addressSpaces() + ", " + want.userMemSlots()
                    + " slots, READONLY " + want.readonlyMem() + ", GUEST_MEMFD " + want.guestMemfd()
                    + ") differs from this kernel's (" + here.addressSpaces() + ", " + here.userMemSlots() + ", "
                    + here.readonlyMem() + ", " + here.guestMemfd() + "); the predictions follow the scenario, so "
                    + "calls that depend on it will disagree. `stage2scope probe -o host.json` records this host.");
        }
        return out;
    }

    private static ReplayReport blocked(Scenario scenario, HostFacts host, List<String> notes, List<MemslotResult> predicted,
                                        String why) {
        return new ReplayReport(scenario.name(), host.release(), NOTHING_REPLAYED + why + ".", notes,
                skipAll(predicted, "see above"));
    }

    private static List<CallVerdict> skipAll(List<MemslotResult> predicted, String why) {
        List<CallVerdict> out = new ArrayList<>();
        for (MemslotResult p : predicted) {
            out.add(CallVerdict.skipped(p, why));
        }
        return out;
    }
}
