package org.stage2scope.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Severity;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/**
 * Hand-built evaluations for layout and painter tests, independent of the engine: the layout only
 * draws what an Evaluation says, so these pin geometry, not kernel rules.
 */
public final class Fixtures {
    private Fixtures() {}

    static final Rule MAP = new Rule("s2.map", "user_mem_abort", "stage-2 mapping installed");
    static final Rule PFN = new Rule("s2.pfnmap.cacheable", "kvm_arch_prepare_memory_region", "cacheable PFNMAP needs FWB");
    static final Rule COMB = new Rule("memtype.combine", "S2CombineS1MemAttrs", "stage 1 x stage 2");

    public static Scenario graceHopperLike() {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.IDC));
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(), false);
        Vma ram = new Vma("guest-ram", 0x7f0000000000L, 8L << 30, Perms.RW_SHARED, Set.of(VmFlag.VM_HUGETLB),
                MemType.MT_NORMAL, Backing.ram(1L << 30));
        Vma gpu = new Vma("nvgrace-gpu-bar", 0xffff800000000000L >>> 16 << 16 & 0x0000ffffffffffffL | 0x7e0000000000L, 96L << 30,
                Perms.RW_SHARED, Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO), MemType.MT_NORMAL,
                new Backing(Backing.Kind.DEVICE, 0x400000000000L, 4096, false, List.of()));
        Vma mmio = new Vma("vfio-bar0", 0x7d0000000000L, 16L << 20, Perms.RW_SHARED, Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO),
                MemType.MT_DEVICE_nGnRE, new Backing(Backing.Kind.DEVICE, 0x600000000000L, 4096, false, List.of()));
        List<MemslotCall> calls = List.of(
                new MemslotCall(0, 0, 0x40000000L, 8L << 30, ram.start(), Set.of(), 0, "ram"),
                new MemslotCall(1, 0, 0x40000000000L, 96L << 30, gpu.start(), Set.of(), 0, "gpu"),
                new MemslotCall(2, 0, 0x10000000L, 16L << 20, mmio.start(), Set.of(), 0, "bar0"),
                new MemslotCall(3, 0, 0x20000000L, 1L << 30, 0x7c0000000000L, Set.of(MemslotFlag.KVM_MEM_READONLY), 0, "rom"));
        Guest guest = new Guest(List.of(), List.of(new GuestAccess(0x40001000L, GuestAccess.Kind.READ, "kernel"),
                new GuestAccess(0x40000001000L, GuestAccess.Kind.WRITE, "gpu"),
                new GuestAccess(0x30000000L, GuestAccess.Kind.READ, "hole")));
        return new Scenario("grace-hopper-fwb", "fixture", host, vm, List.of(ram, gpu, mmio), calls, guest);
    }

    static Stage2Entry entry(String type, MemClass c, long block) {
        return new Stage2Entry(type, c, 0b0110, 0b1111, 0b0110, null, true, true, false, block, false, false);
    }

    /** What an engine would say about {@link #graceHopperLike()}; {@code gpuRefused} models FWB off. */
    public static Evaluation evaluation(boolean gpuRefused) {
        return evaluation(graceHopperLike(), gpuRefused);
    }

    /**
     * A stand-in engine for UI tests before the real one is merged: FWB decides the GPU slot, the
     * scenario is carried through so edits show up. Only valid for scenarios shaped like the fixture.
     */
    public static Evaluation fakeEngine(Scenario s) {
        return evaluation(s, !s.host().has(CpuFeature.FWB));
    }

    static Evaluation evaluation(Scenario s, boolean gpuRefused) {
        List<MemslotResult> res = new ArrayList<>();
        for (int i = 0; i < s.memslots().size(); i++) {
            MemslotCall c = s.memslots().get(i);
            boolean refused = (gpuRefused && c.slot() == 1) || c.slot() == 3;
            res.add(new MemslotResult(i, c, refused ? ChangeKind.NONE : ChangeKind.CREATE, refused ? Errno.EINVAL : null,
                    refused ? PFN : null, refused ? "refused" : "created"));
        }
        List<Stage2Run> s2 = new ArrayList<>();
        s2.add(new Stage2Run(0x10000000L, 16L << 20, 2, 0, "vfio-bar0", Stage2Run.Outcome.MAPPED, MAP, "device",
                entry("Device-nGnRE", MemClass.DEVICE, 4096)));
        s2.add(new Stage2Run(0x40000000L, 4L << 30, 0, 0, "guest-ram", Stage2Run.Outcome.MAPPED, MAP, "ram",
                entry("Normal-WB", MemClass.WRITE_BACK, 1L << 30)));
        s2.add(new Stage2Run(0x140000000L, 4L << 30, 0, 0, "guest-ram", Stage2Run.Outcome.SIGBUS, MAP, "poison", null));
        if (!gpuRefused) {
            s2.add(new Stage2Run(0x40000000000L, 96L << 30, 1, 0, "nvgrace-gpu-bar", Stage2Run.Outcome.MAPPED, MAP,
                    "cacheable PFNMAP with FWB", entry("Normal-WB", MemClass.WRITE_BACK, 2L << 20)));
        }
        List<EffectiveRun> eff = new ArrayList<>();
        for (Stage2Run r : s2) {
            if (r.s2() != null) {
                eff.add(new EffectiveRun(r.gpa(), r.size(), new Stage1Attr.Mair(0xff), true, "0xff", r.s2().type(),
                        r.s2().memClass(), COMB, "S1 WB x S2"));
            }
        }
        List<AccessResult> acc = new ArrayList<>();
        for (int i = 0; i < s.guest().accesses().size(); i++) {
            GuestAccess a = s.guest().accesses().get(i);
            Stage2Run hit = null;
            for (Stage2Run r : s2) {
                if (Long.compareUnsigned(r.gpa(), a.gpa()) <= 0 && Long.compareUnsigned(a.gpa(), r.gpa() + r.size()) < 0) {
                    hit = r;
                }
            }
            AccessOutcome o = hit == null ? AccessOutcome.MMIO_EXIT
                    : hit.outcome() == Stage2Run.Outcome.SIGBUS ? AccessOutcome.SIGBUS : AccessOutcome.MAPPED;
            acc.add(new AccessResult(i, a, o, hit == null ? null : hit.s2(), MAP, "fixture", List.of("lookup", "map")));
        }
        List<Finding> f = gpuRefused
                ? List.of(new Finding(Severity.ERROR, PFN, "slot 1 refused: EINVAL", new Ref.MemslotCall(1)))
                : List.of(new Finding(Severity.INFO, MAP, "gpu mapped WB", new Ref.GpaRange(0x40000000000L, 96L << 30)));
        return new Evaluation(s, PolicyId.UPSTREAM, res, s2, eff, acc, f);
    }

    /** A stress evaluation: {@code n} adjacent 4 KiB slots with alternating outcomes. */
    public static Evaluation stress(int n) {
        Scenario base = graceHopperLike();
        long page = 4096;
        Vma v = new Vma("big", 0x7f0000000000L, page * n, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(page));
        List<MemslotCall> calls = new ArrayList<>();
        List<MemslotResult> res = new ArrayList<>();
        List<Stage2Run> runs = new ArrayList<>();
        List<EffectiveRun> eff = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            MemslotCall c = new MemslotCall(i, 0, 0x100000000L + i * page, page, v.start() + i * page, Set.of(), 0, "");
            calls.add(c);
            res.add(new MemslotResult(i, c, ChangeKind.CREATE, null, null, ""));
            boolean ef = i % 97 == 0;
            Stage2Entry e = ef ? null : entry(i % 2 == 0 ? "Normal-WB" : "Normal-NC",
                    i % 2 == 0 ? MemClass.WRITE_BACK : MemClass.NON_CACHEABLE, page);
            runs.add(new Stage2Run(c.gpa(), page, i, 0, "big", ef ? Stage2Run.Outcome.EFAULT : Stage2Run.Outcome.MAPPED,
                    MAP, "", e));
            if (e != null) {
                eff.add(new EffectiveRun(c.gpa(), page, new Stage1Attr.Mair(0xff), true, "0xff", e.type(), e.memClass(), COMB, ""));
            }
        }
        Scenario s = new Scenario("stress", "", base.host(), base.vm(), List.of(v), calls, Guest.EMPTY);
        return new Evaluation(s, PolicyId.UPSTREAM, res, runs, eff, List.of(), List.of());
    }
}
