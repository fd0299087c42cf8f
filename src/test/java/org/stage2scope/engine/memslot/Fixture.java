package org.stage2scope.engine.memslot;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/** A tiny builder of hand-made scenarios for replay tests. */
final class Fixture {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    private Arch arch = Arch.ARM64;
    private Granule granule = Granule.G4K;
    private Set<CpuFeature> features = EnumSet.noneOf(CpuFeature.class);
    private int ipaBits = 40;
    private boolean mte;
    private PolicyId policy = PolicyId.UPSTREAM;
    private final List<Vma> vmas = new ArrayList<>();
    private final List<MemslotCall> calls = new ArrayList<>();

    static Fixture arm64() {
        return new Fixture();
    }

    static Fixture x86() {
        Fixture f = new Fixture();
        f.arch = Arch.X86_INTEL;
        f.ipaBits = 46;
        return f;
    }

    Fixture granule(Granule g) {
        granule = g;
        return this;
    }

    Fixture fwbDic() {
        features = EnumSet.of(CpuFeature.FWB, CpuFeature.DIC);
        return this;
    }

    Fixture features(CpuFeature... f) {
        features = f.length == 0 ? EnumSet.noneOf(CpuFeature.class) : EnumSet.of(f[0], f);
        return this;
    }

    Fixture ipaBits(int bits) {
        ipaBits = bits;
        return this;
    }

    Fixture mte() {
        mte = true;
        return this;
    }

    Fixture policy(PolicyId p) {
        policy = p;
        return this;
    }

    Fixture ram(String name, long start, long size, VmFlag... flags) {
        return vma(name, start, size, MemType.defaultFor(arch), Backing.ram(4096), flags);
    }

    Fixture pfnmap(String name, long start, long size, MemType type, VmFlag... extra) {
        List<VmFlag> f = new ArrayList<>(List.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO));
        f.addAll(List.of(extra));
        return vma(name, start, size, type, new Backing(Backing.Kind.DEVICE, null, 4096, false, List.of()), f.toArray(new VmFlag[0]));
    }

    Fixture vma(String name, long start, long size, MemType type, Backing backing, VmFlag... flags) {
        vmas.add(new Vma(name, start, size, Perms.RW_SHARED, Set.of(flags), type, backing));
        return this;
    }

    Fixture slot(int id, long gpa, long size, long hva, MemslotFlag... flags) {
        return call(0, id, gpa, size, hva, 0, flags);
    }

    Fixture delete(int id) {
        return call(0, id, 0, 0, 0, 0);
    }

    Fixture call(int as, int id, long gpa, long size, long hva, long gmemOffset, MemslotFlag... flags) {
        calls.add(new MemslotCall(id, as, gpa, size, hva, Set.of(flags), gmemOffset, ""));
        return this;
    }

    Scenario scenario() {
        Host host = new Host(arch, granule, Host.defaultVaBits(arch), features);
        Vm vm = new Vm(ipaBits, mte, policy, Set.of(), false);
        return new Scenario("test", "", host, vm, vmas, calls, null);
    }

    SlotTable replay() {
        return MemslotValidator.replay(scenario(), Policy.of(policy));
    }
}
