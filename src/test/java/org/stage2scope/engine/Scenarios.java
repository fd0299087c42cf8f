package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;

/** Representative and generated scenarios shared by the evaluator tests and the benchmark. */
public final class Scenarios {
    private Scenarios() {}

    static final long G = 1L << 30;
    static final long M2 = 2L << 20;

    /** A Grace-Hopper-like arm64 VM: 4 GiB THP RAM and a 64 GiB cacheable GPU PFNMAP, guest maps the GPU Normal-WB. */
    public static Scenario graceHopper(Set<CpuFeature> features) {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, features);
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(), false);
        Vma ram = new Vma("ram0", 0x1_0000_0000L, 4 * G, Perms.RW_SHARED, Set.of(),
                MemType.MT_NORMAL, new Backing(Backing.Kind.RAM, null, 4096, true, List.of()));
        Vma gpu = new Vma("nvgrace-gpu", 0x40_0000_0000L, 64 * G, Perms.RW_SHARED, EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO),
                MemType.MT_NORMAL, new Backing(Backing.Kind.DEVICE, 0x400_0000_0000L, 4096, false, List.of()));
        Vma bar = new Vma("vfio-bar0", 0x80_0000_0000L, 16L << 20, Perms.RW_SHARED, EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO,
                VmFlag.VM_ALLOW_ANY_UNCACHED), MemType.MT_DEVICE_nGnRE, new Backing(Backing.Kind.DEVICE, 0x600_0000_0000L, 4096, false, List.of()));
        List<MemslotCall> slots = List.of(
                new MemslotCall(0, 0, 0x4000_0000L, 4 * G, ram.start(), Set.of(), 0, "ram"),
                new MemslotCall(1, 0, 0x40_0000_0000L, 64 * G, gpu.start(), Set.of(), 0, "gpu"),
                new MemslotCall(2, 0, 0x10_0000_0000L, 16L << 20, bar.start(), Set.of(), 0, "bar0"));
        Guest guest = new Guest(List.of(
                new Stage1Range(0x40_0000_0000L, 64 * G, new Stage1Attr.Mair(0xff)),
                new Stage1Range(0x10_0000_0000L, 16L << 20, new Stage1Attr.Mair(0xff))),
                List.of(new GuestAccess(0x40_0000_1000L, GuestAccess.Kind.READ, "gpu read"),
                        new GuestAccess(0x10_0000_0000L, GuestAccess.Kind.EXEC, "exec from BAR"),
                        new GuestAccess(0x4000_0000L, GuestAccess.Kind.WRITE, "ram write"),
                        new GuestAccess(0x0900_0000L, GuestAccess.Kind.READ, "uart")));
        return new Scenario("grace-hopper", "", host, vm, List.of(ram, gpu, bar), slots, guest);
    }

    /**
     * n memslots over n VMAs of 2 MiB each (THP RAM, every 16th a device PFNMAP), slot i at GPA
     * 4 GiB + i * 2 MiB; the arm64 limit is 32767 user slots.
     */
    public static Scenario stress(int n) {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC));
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(), false);
        List<Vma> vmas = new ArrayList<>(n);
        List<MemslotCall> calls = new ArrayList<>(n);
        List<Stage1Range> s1 = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long hva = 0x100_0000_0000L + (long) i * 4 * M2; // a 2 MiB gap after each VMA
            boolean dev = i % 16 == 15;
            vmas.add(new Vma("vma" + i, hva, M2, Perms.RW_SHARED, dev ? EnumSet.of(VmFlag.VM_PFNMAP) : Set.of(),
                    dev ? MemType.MT_DEVICE_nGnRE : MemType.MT_NORMAL,
                    new Backing(dev ? Backing.Kind.DEVICE : Backing.Kind.RAM, dev ? 0x800_0000_0000L + (long) i * M2 : null, 4096, !dev, List.of())));
            calls.add(new MemslotCall(i, 0, 0x1_0000_0000L + (long) i * M2, M2, hva, Set.of(), 0, ""));
            if (i % 64 == 0) {
                s1.add(new Stage1Range(0x1_0000_0000L + (long) i * M2, 32 * M2, new Stage1Attr.Mair(i % 128 == 0 ? 0x44 : 0xff)));
            }
        }
        return new Scenario("stress-" + n, "", host, vm, vmas, calls, new Guest(s1, List.of(
                new GuestAccess(0x1_0000_0000L, GuestAccess.Kind.READ, ""))));
    }

    static Scenario x86(Arch arch, Set<X86Quirk> quirks, boolean selfSnoop, Stage1Attr guestType) {
        Host host = new Host(arch, Granule.G4K, 47, selfSnoop ? Set.of(CpuFeature.SELF_SNOOP) : Set.of());
        Vm vm = new Vm(46, false, PolicyId.UPSTREAM, quirks, false);
        Vma ram = new Vma("pc.ram", 0x7f00_0000_0000L, 2 * G, Perms.RW_SHARED, Set.of(), MemType.WB,
                new Backing(Backing.Kind.RAM, null, 4096, true, List.of()));
        return new Scenario("x86", "", host, vm, List.of(ram),
                List.of(new MemslotCall(0, 0, 0, 2 * G, ram.start(), Set.of(), 0, "ram")),
                new Guest(List.of(new Stage1Range(0, M2, guestType)), List.of()));
    }

    static MemslotCall call(int slot, long gpa, long size, long hva, MemslotFlag... flags) {
        return new MemslotCall(slot, 0, gpa, size, hva, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), 0, "");
    }
}
