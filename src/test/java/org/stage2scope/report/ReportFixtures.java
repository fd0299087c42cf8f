package org.stage2scope.report;

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
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/** Hand-built evaluations, so the writers are pinned independently of the engine. */
public final class ReportFixtures {
    private ReportFixtures() {}

    public static final Rule OK = new Rule("memslot.ok", "kvm_set_memory_region", "accepted");
    public static final Rule PFNMAP_CACHEABLE = new Rule("memslot.pfnmap.cacheable", "kvm_arch_prepare_memory_region",
            "cacheable PFNMAP needs FWB and DIC");
    public static final Rule S2_CACHEABLE = new Rule("s2.pfnmap.cacheable", "user_mem_abort", "cacheable device PFNMAP");
    public static final Rule S2_EFAULT = new Rule("s2.pfnmap.efault", "user_mem_abort", "cacheable PFNMAP without FWB");
    public static final Rule FWB_FORCE = new Rule("memtype.fwb.force-wb", "AArch64.S2ApplyFWBMemAttrs", "FWB forces WB");
    public static final Rule DEVICE_BOTH = new Rule("memtype.arm64.device.both", "S2CombineS1Device", "both Device");
    public static final Rule NC_EXEC = new Rule("s2.exec.noncacheable", "user_mem_abort", "no exec from non-cacheable");

    public static Scenario scenario() {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC));
        Vma gpu = new Vma("gpu", 0xffe000000000L, 1L << 30, Perms.RW_SHARED, Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO),
                MemType.MT_NORMAL, new Backing(Backing.Kind.DEVICE, 0x400000000000L, 4096, false, List.of()));
        MemslotCall slot = new MemslotCall(2, 0, 0x8000000000L, 1L << 30, 0xffe000000000L, Set.of(), 0, "GPU");
        MemslotCall top = new MemslotCall(3, 0, 0xffffffffc0000000L, 1L << 30, 0xffe000000000L, Set.of(), 0, "");
        Guest guest = new Guest(List.of(new Stage1Range(0x8000000000L, 1L << 30, new Stage1Attr.Mair(0x04))),
                List.of(new GuestAccess(0x8000000000L, GuestAccess.Kind.EXEC, "fetch")));
        return new Scenario("tiny", "", host, new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false), List.of(gpu),
                List.of(slot, top), guest);
    }

    public static Stage2Entry wb1g() {
        return new Stage2Entry("Normal-WB", MemClass.WRITE_BACK, 0b0110, 0b1111, 0b0110, null, true, true, false, 1L << 30,
                false, false);
    }

    /** Upstream with FWB: slot 2 mapped cacheable with a 1G block, slot 3 reaches 2^64 and faults. */
    public static Evaluation upstream() {
        Scenario s = scenario();
        return new Evaluation(s, PolicyId.UPSTREAM,
                List.of(new MemslotResult(0, s.memslots().get(0), ChangeKind.CREATE, null, OK, "Created."),
                        new MemslotResult(1, s.memslots().get(1), ChangeKind.CREATE, null, OK, "Created at the top.")),
                List.of(new Stage2Run(0x8000000000L, 1L << 30, 2, 0, "gpu", Stage2Run.Outcome.MAPPED, S2_CACHEABLE,
                                "Cacheable VMA and FWB+DIC: mapped Normal-WB.", wb1g()),
                        new Stage2Run(0xffffffffc0000000L, 1L << 30, 3, 0, null, Stage2Run.Outcome.EFAULT, S2_EFAULT,
                                "No VMA.", null)),
                List.of(new EffectiveRun(0x8000000000L, 1L << 30, new Stage1Attr.Mair(0x04), false, "0xff", "Normal-WB",
                        MemClass.WRITE_BACK, FWB_FORCE, "S2 0b110 turns stage-1 Device into Normal WB.")),
                List.of(new AccessResult(0, s.guest().accesses().get(0), AccessOutcome.MAPPED, wb1g(), S2_CACHEABLE,
                        "Mapped executable.", List.of("memslot 2 found", "VMA gpu is cacheable"))),
                List.of(new Finding(Severity.WARNING, S2_EFAULT, "GPA 0xffffffffc0000000 has no VMA.", Ref.NONE),
                        new Finding(Severity.INFO, FWB_FORCE, "FWB overrides the guest's Device mapping.", Ref.NONE)));
    }

    /** pre-6.17: the same calls, slot 2 forced Device, exec refused. */
    public static Evaluation pre617() {
        Scenario s = scenario();
        Stage2Entry dev = new Stage2Entry("Device-nGnRE", MemClass.DEVICE, 0b0001, 0b0001, 0b0001, null, true, true, false,
                1L << 30, false, false);
        return new Evaluation(s, PolicyId.PRE_6_17,
                List.of(new MemslotResult(0, s.memslots().get(0), ChangeKind.CREATE, null, OK, "Created."),
                        new MemslotResult(1, s.memslots().get(1), ChangeKind.CREATE, Errno.EINVAL, PFNMAP_CACHEABLE, "Refused.")),
                List.of(new Stage2Run(0x8000000000L, 1L << 29, 2, 0, "gpu", Stage2Run.Outcome.MAPPED, S2_CACHEABLE, "Forced.", dev),
                        new Stage2Run(0x8020000000L, 1L << 29, 2, 0, "gpu", Stage2Run.Outcome.MAPPED, S2_CACHEABLE, "Forced.", dev)),
                List.of(new EffectiveRun(0x8000000000L, 1L << 30, new Stage1Attr.Mair(0x04), false, "0x04", "Device-nGnRE",
                        MemClass.DEVICE, DEVICE_BOTH, "Both Device: the stronger.")),
                List.of(new AccessResult(0, s.guest().accesses().get(0), AccessOutcome.ABORT_INJECTED, null, NC_EXEC, "No exec.", List.of())),
                List.of());
    }
}
