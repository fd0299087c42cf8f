package org.stage2scope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.engine.Scenarios;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.io.ScenarioWriter;
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
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;

/**
 * Writes the inputs of the memory benchmark in docs/performance.md: the 32,767-slot stress scenario
 * and the largest valid scenario this harness could fit under the 64 MiB file limit. Not a test.
 *
 * <p>The large one uses every slot id arm64 allows (KVM_USER_MEM_SLOTS 32767), each on its own 2 MiB
 * VMA (RAM with THP, device PFNMAP, and PFNMAP with VM_ALLOW_ANY_UNCACHED in turn, so every policy
 * decides something different), then keeps the ioctl stream going the way a VMM's dirty logging does
 * (KVM_MEM_LOG_DIRTY_PAGES on and off, a FLAGS_ONLY change each), deletes and re-creates slots, and
 * gives the guest several accesses and a stage-1 range per slot. Every call is accepted except the
 * bit-3 flag where a policy refuses it, so the evaluation is as large as the file allows.
 *
 * <pre>java -cp target/test-classes:target/classes:&lt;jackson-core&gt; org.stage2scope.bench.LargestScenario OUT_DIR</pre>
 */
public final class LargestScenario {
    private static final long M2 = 2L << 20;
    private static final int SLOTS = 32767;

    private LargestScenario() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(dir);
        write(Scenarios.stress(SLOTS), dir.resolve("stress-32767.json"));
        write(largest(Integer.getInteger("rounds", 3), Integer.getInteger("accessesPerSlot", 5)), dir.resolve("largest.json"));
    }

    private static void write(Scenario s, Path file) throws Exception {
        ScenarioWriter.save(s, file);
        long bytes = Files.size(file);
        if (!ScenarioReader.read(file).equals(s)) { // valid: the reader refuses anything the format does not allow
            throw new IllegalStateException(file + " does not read back as the scenario written");
        }
        System.out.printf("%s: %.1f MiB, %d VMAs, %d memslot calls, %d stage-1 ranges, %d accesses%n", file, bytes / 1048576.0,
                s.vmas().size(), s.memslots().size(), s.guest().stage1().size(), s.guest().accesses().size());
        if (bytes > ScenarioReader.MAX_BYTES) {
            throw new IllegalStateException(file + " is above the 64 MiB limit; lower -Drounds or -DaccessesPerSlot");
        }
    }

    static Scenario largest(int rounds, int accessesPerSlot) {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.IDC));
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(), false);
        List<Vma> vmas = new ArrayList<>(SLOTS);
        List<MemslotCall> calls = new ArrayList<>();
        List<Stage1Range> s1 = new ArrayList<>(SLOTS);
        List<GuestAccess> accesses = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            long hva = 0x100_0000_0000L + (long) i * 2 * M2;
            int kind = i % 3; // 0 RAM, 1 device PFNMAP, 2 device PFNMAP with VM_ALLOW_ANY_UNCACHED
            Set<VmFlag> flags = kind == 0 ? EnumSet.of(VmFlag.VM_MAYREAD, VmFlag.VM_MAYWRITE, VmFlag.VM_MAYSHARE)
                    : kind == 1 ? EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_DONTEXPAND, VmFlag.VM_DONTDUMP)
                    : EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_DONTEXPAND, VmFlag.VM_DONTDUMP, VmFlag.VM_ALLOW_ANY_UNCACHED);
            String name = kind == 0 ? "/memfd:guest-ram-" + i + " (deleted)" : "/dev/vfio/devices/vfio" + (i % 64) + " bar" + (i % 6);
            vmas.add(new Vma(name, hva, M2, Perms.RW_SHARED, flags, kind == 0 ? MemType.MT_NORMAL : MemType.MT_DEVICE_nGnRE,
                    new Backing(kind == 0 ? Backing.Kind.RAM : Backing.Kind.DEVICE, kind == 0 ? null : 0x800_0000_0000L + (long) i * M2,
                            4096, kind == 0, List.of())));
        }
        for (int i = 0; i < SLOTS; i++) {
            calls.add(create(i));
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < SLOTS; i++) {
                MemslotCall c = create(i);
                switch ((i + r) % 4) {
                    case 0, 1 -> { // dirty logging on, then off: two FLAGS_ONLY changes
                        calls.add(with(c, EnumSet.of(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES)));
                        calls.add(c);
                    }
                    case 2 -> { // delete and create again
                        calls.add(new MemslotCall(i, 0, c.gpa(), 0, 0, Set.of(), 0, c.label()));
                        calls.add(c);
                    }
                    default -> calls.add(c); // the same region again: KVM_MR_FLAGS_ONLY with no change
                }
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            long gpa = gpa(i);
            s1.add(new Stage1Range(gpa, M2, new Stage1Attr.Mair(i % 5 == 0 ? 0x04 : i % 5 == 1 ? 0x44 : 0xff)));
            for (int a = 0; a < accessesPerSlot; a++) {
                GuestAccess.Kind k = a % 3 == 0 ? GuestAccess.Kind.READ : a % 3 == 1 ? GuestAccess.Kind.WRITE : GuestAccess.Kind.EXEC;
                accesses.add(new GuestAccess(gpa + (long) a * (M2 / accessesPerSlot & ~0xfffL), k, "probe " + i + "." + a));
            }
        }
        return new Scenario("largest-valid", "The largest valid scenario the memory benchmark could build under 64 MiB: every arm64"
                + " slot id, dirty-logging FLAGS_ONLY rounds, deletes and re-creates, several accesses per slot.", host, vm, vmas,
                calls, new Guest(s1, accesses));
    }

    private static long gpa(int i) {
        return 0x1_0000_0000L + (long) i * M2;
    }

    private static MemslotCall create(int i) {
        long hva = 0x100_0000_0000L + (long) i * 2 * M2;
        Set<MemslotFlag> flags = i % 3 == 2 ? EnumSet.of(MemslotFlag.KVM_MEM_ENABLE_CACHEABLE_PFNMAP) : Set.of();
        return new MemslotCall(i, 0, gpa(i), M2, hva, flags, 0, (i % 3 == 0 ? "mach-virt.ram." : "vfio-bar.") + i);
    }

    private static MemslotCall with(MemslotCall c, Set<MemslotFlag> extra) {
        Set<MemslotFlag> flags = EnumSet.noneOf(MemslotFlag.class);
        flags.addAll(c.flags());
        flags.addAll(extra);
        return new MemslotCall(c.slot(), c.addressSpace(), c.gpa(), c.size(), c.hva(), flags, c.guestMemfdOffset(), c.label());
    }
}
