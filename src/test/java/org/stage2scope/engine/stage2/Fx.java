package org.stage2scope.engine.stage2;

import org.stage2scope.engine.VmaIndex;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.memslot.ActiveSlot;
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
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;

/** Hand-built hosts, VMs, VMAs and active slots for the stage-2 tests. */
final class Fx {
    private Fx() {}

    static final long K4 = 4L << 10;
    static final long M2 = 2L << 20;
    static final long G1 = 1L << 30;

    static Host arm(CpuFeature... f) {
        return new Host(Arch.ARM64, Granule.G4K, 48, f.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(f)));
    }

    static Host arm(Granule g, CpuFeature... f) {
        return new Host(Arch.ARM64, g, 48, f.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(f)));
    }

    static Host intel(boolean selfSnoop) {
        return new Host(Arch.X86_INTEL, Granule.G4K, 47, selfSnoop ? Set.of(CpuFeature.SELF_SNOOP) : Set.of());
    }

    static Host amd() {
        return new Host(Arch.X86_AMD, Granule.G4K, 47, Set.of(CpuFeature.SELF_SNOOP));
    }

    static Vm vm() {
        return new Vm(48, false, PolicyId.UPSTREAM, Set.of(X86Quirk.IGNORE_GUEST_PAT), false);
    }

    static Vm vm(boolean mte, boolean quirk, boolean noncoherent) {
        return new Vm(48, mte, PolicyId.UPSTREAM, quirk ? Set.of(X86Quirk.IGNORE_GUEST_PAT) : Set.of(), noncoherent);
    }

    static Vma ram(String name, long start, long size) {
        return new Vma(name, start, size, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(K4));
    }

    static Vma x86ram(String name, long start, long size, boolean thp) {
        return new Vma(name, start, size, Perms.RW_SHARED, Set.of(), MemType.WB, new Backing(Backing.Kind.RAM, null, K4, thp, List.of()));
    }

    static Vma thp(String name, long start, long size) {
        return new Vma(name, start, size, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL,
                new Backing(Backing.Kind.RAM, null, K4, true, List.of()));
    }

    static Vma hugetlb(String name, long start, long size, long pageSize) {
        return new Vma(name, start, size, Perms.RW_SHARED, Set.of(VmFlag.VM_HUGETLB), MemType.MT_NORMAL,
                new Backing(Backing.Kind.RAM, null, pageSize, false, List.of()));
    }

    static Vma pfnmap(String name, long start, long size, Long pa, MemType type, VmFlag... extra) {
        EnumSet<VmFlag> flags = EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO);
        flags.addAll(Arrays.asList(extra));
        return new Vma(name, start, size, Perms.RW_SHARED, flags, type, new Backing(Backing.Kind.DEVICE, pa, K4, false, List.of()));
    }

    static Vma withPoison(Vma v, Long... hvas) {
        Backing b = v.backing();
        return new Vma(v.name(), v.start(), v.size(), v.perms(), v.flags(), v.memType(),
                new Backing(b.kind(), b.pa(), b.pageSize(), b.thp(), List.of(hvas)));
    }

    static Vma withFlags(Vma v, VmFlag... extra) {
        EnumSet<VmFlag> flags = v.flags().isEmpty() ? EnumSet.noneOf(VmFlag.class) : EnumSet.copyOf(v.flags());
        flags.addAll(Arrays.asList(extra));
        return new Vma(v.name(), v.start(), v.size(), v.perms(), flags, v.memType(), v.backing());
    }

    static ActiveSlot slot(int id, long gpa, long size, long hva, MemslotFlag... flags) {
        Set<MemslotFlag> f = flags.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(flags));
        return new ActiveSlot(id, new MemslotCall(id, 0, gpa, size, hva, f, 0, ""));
    }

    static Stage2Mapper.Result map(Host host, Vm vm, PolicyId policy, List<Vma> vmas, ActiveSlot... slots) {
        return Stage2Mapper.map(host, vm, Policy.of(policy), new VmaIndex(vmas), List.of(slots));
    }

    static List<Stage2Run> runs(Host host, List<Vma> vmas, ActiveSlot... slots) {
        return map(host, vm(), PolicyId.UPSTREAM, vmas, slots).runs();
    }
}
