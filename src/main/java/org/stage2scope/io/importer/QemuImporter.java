package org.stage2scope.io.importer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;

/**
 * Builds a scenario from what a user can copy off a live VMM (shared/domain/real-inputs.md): the
 * QEMU process's /proc/PID/smaps and a monitor transcript of {@code info mtree -f} (plus
 * {@code info ramblock}, which gives the RAM block sizes). As QEMU does under KVM, every ram, rom
 * and romd flat range of the system address space becomes one memslot (rom and romd read-only).
 *
 * <p>What the inputs cannot show is inferred and said in {@link Result#notes()}: the VMA behind
 * a RAM block (by size when no host address is printed), the pgprot memory type and
 * VM_ALLOW_ANY_UNCACHED of vfio mappings, and the host's CPU features (none are assumed).
 */
public final class QemuImporter {
    private QemuImporter() {}

    /** The scenario and one line per guess the user should check. */
    public record Result(Scenario scenario, List<String> notes) {}

    /** @param arch the host architecture, or null to guess it from the machine's devices */
    public static Result importQemu(String smaps, String smapsSource, String monitor, String monitorSource, Arch arch)
            throws ScenarioException {
        List<SmapsParser.Entry> vmas = SmapsParser.parse(smaps, smapsSource);
        MonitorParser.Monitor mon = MonitorParser.parse(monitor, monitorSource);
        List<String> notes = new ArrayList<>();
        Arch a = arch;
        if (a == null) {
            a = guessArch(mon.system());
            notes.add("host arch " + a.id() + " guessed from the machine's devices; change it if the VMM ran elsewhere");
        }
        Granule granule = baseGranule(vmas, a);

        Map<String, List<MonitorParser.FlatRange>> byRegion = new LinkedHashMap<>();
        for (MonitorParser.FlatRange r : mon.system()) {
            if (r.backedByRam()) {
                byRegion.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r);
            }
        }
        Set<SmapsParser.Entry> used = new LinkedHashSet<>();
        Map<String, SmapsParser.Entry> vmaOf = new HashMap<>();
        for (Map.Entry<String, List<MonitorParser.FlatRange>> e : byRegion.entrySet()) {
            SmapsParser.Entry vma = findVma(e.getKey(), e.getValue(), mon.ramBlocks(), vmas, used, notes);
            if (vma != null) {
                used.add(vma);
                vmaOf.put(e.getKey(), vma);
            }
        }

        List<MemslotCall> calls = new ArrayList<>();
        for (MonitorParser.FlatRange r : mon.system()) {
            SmapsParser.Entry vma = r.backedByRam() ? vmaOf.get(r.region()) : null;
            if (vma == null) {
                continue;
            }
            Set<MemslotFlag> flags = r.readOnly() ? EnumSet.of(MemslotFlag.KVM_MEM_READONLY) : EnumSet.noneOf(MemslotFlag.class);
            String label = r.region() + (r.offset() == 0 ? "" : " @" + U64.hex(r.offset()));
            calls.add(new MemslotCall(calls.size(), 0, r.start(), r.size(), vma.start() + r.offset(), flags, 0, label));
        }

        TreeMap<Long, Vma> imported = new TreeMap<>(Long::compareUnsigned);
        Set<String> unknownCodes = new LinkedHashSet<>();
        for (SmapsParser.Entry v : used) {
            imported.put(v.start(), toVma(v, a, granule, unknownCodes, notes));
        }
        if (!unknownCodes.isEmpty()) {
            notes.add("smaps VmFlags codes without a VM_* equivalent here were dropped: " + String.join(" ", unknownCodes));
        }
        notes.add("host CPU features are not visible in these inputs: none assumed (add FWB, DIC, IDC, MTE or SELF_SNOOP as the host has them)");
        notes.add("imported " + imported.size() + " of " + vmas.size() + " VMAs (those behind a memslot) and " + calls.size() + " memslots");

        Host host = new Host(a, granule, Host.defaultVaBits(a), Set.of());
        Vm vm = new Vm(ScenarioReader.DEFAULT_IPA_BITS, false, PolicyId.UPSTREAM, ScenarioReader.defaultQuirks(a), false);
        String description = "Imported from " + smapsSource + " and " + monitorSource
                + ". Memory types, VM_ALLOW_ANY_UNCACHED and host features were inferred; check them before trusting the results.";
        Scenario s = new Scenario("Imported QEMU VM", description, host, vm, List.copyOf(imported.values()), calls, Guest.EMPTY);
        return new Result(s, List.copyOf(notes));
    }

    /** Device names QEMU gives the arm64 virt machine (GIC, PL011) versus the PC machines (pc.ram, pc.bios). */
    static Arch guessArch(List<MonitorParser.FlatRange> system) {
        for (MonitorParser.FlatRange r : system) {
            if (r.region().startsWith("gic") || r.region().equals("pl011") || r.region().startsWith("virt.")) {
                return Arch.ARM64;
            }
            if (r.region().startsWith("pc.") || r.region().startsWith("ioapic") || r.region().startsWith("kvmvapic")) {
                return Arch.X86_INTEL;
            }
        }
        return Arch.ARM64;
    }

    /** The smallest KernelPageSize is the base page size (hugetlb VMAs show larger ones). */
    private static Granule baseGranule(List<SmapsParser.Entry> vmas, Arch arch) {
        if (arch.isX86()) {
            return Granule.G4K;
        }
        long min = 0;
        for (SmapsParser.Entry v : vmas) {
            if (v.kernelPageSize() != 0 && (min == 0 || v.kernelPageSize() < min)) {
                min = v.kernelPageSize();
            }
        }
        for (Granule g : Granule.values()) {
            if (g.pageSize() == min) {
                return g;
            }
        }
        return Granule.G4K;
    }

    private static SmapsParser.Entry findVma(String region, List<MonitorParser.FlatRange> ranges, List<MonitorParser.RamBlock> blocks,
            List<SmapsParser.Entry> vmas, Set<SmapsParser.Entry> used, List<String> notes) {
        MonitorParser.RamBlock block = null;
        for (MonitorParser.RamBlock b : blocks) {
            if (b.name().equals(region) || b.name().endsWith("/" + region)) {
                block = b;
                break;
            }
        }
        if (block != null && block.hostAddress() != null) {
            for (SmapsParser.Entry v : vmas) {
                if (U64.le(v.start(), block.hostAddress()) && U64.lt(block.hostAddress(), v.end())) {
                    return v;
                }
            }
        }
        long needed = 0;
        for (MonitorParser.FlatRange r : ranges) {
            needed = U64.max(needed, r.offset() + r.size());
        }
        List<Long> sizes = new ArrayList<>();
        if (block != null) {
            sizes.add(block.total());
            sizes.add(block.used());
        }
        sizes.add(needed);
        for (long size : sizes) {
            List<SmapsParser.Entry> candidates = new ArrayList<>();
            for (SmapsParser.Entry v : vmas) {
                if (v.end() - v.start() == size && v.perms().startsWith("rw") && !used.contains(v)) {
                    candidates.add(v);
                }
            }
            if (!candidates.isEmpty()) {
                SmapsParser.Entry pick = candidates.get(0);
                if (candidates.size() > 1) {
                    notes.add("region " + region + ": " + candidates.size() + " VMAs of " + U64.size(size)
                            + " could back it; took the first, " + U64.hex(pick.start()) + " (smaps line " + pick.line() + ")");
                }
                return pick;
            }
        }
        notes.add("region " + region + ": no VMA of " + U64.size(needed) + " found in smaps; its memslots were left out");
        return null;
    }

    private static Vma toVma(SmapsParser.Entry v, Arch arch, Granule granule, Set<String> unknownCodes, List<String> notes) {
        EnumSet<VmFlag> flags = EnumSet.noneOf(VmFlag.class);
        for (String code : v.vmFlags()) {
            if (code.equals("rd") || code.equals("wr") || code.equals("ex") || code.equals("sh")) {
                continue;
            }
            VmFlag f = bySmapsCode(code);
            if (f == null) {
                unknownCodes.add(code);
            } else {
                flags.add(f);
            }
        }
        String name = v.path().isEmpty() ? "anon@" + U64.hex(v.start()) : v.path();
        // vfio device fds show as /dev/vfio/devices/vfioN (cdev) or anon_inode:[vfio-device] (group API).
        boolean vfio = v.path().startsWith("/dev/vfio") || v.path().equals("anon_inode:[vfio-device]");
        MemType memType = MemType.defaultFor(arch);
        Backing.Kind kind = Backing.Kind.RAM;
        if (flags.contains(VmFlag.VM_PFNMAP) && vfio) {
            kind = Backing.Kind.DEVICE;
            if (arch == Arch.ARM64) {
                // vfio_pci_core_mmap: pgprot_noncached and VM_ALLOW_ANY_UNCACHED; nvgrace-gpu's usemem differs.
                memType = MemType.MT_DEVICE_nGnRnE;
                flags.add(VmFlag.VM_ALLOW_ANY_UNCACHED);
            } else {
                memType = MemType.UC_MINUS;
            }
            notes.add(name + ": a vfio PFNMAP; assumed a vfio-pci BAR (" + memType.id()
                    + (arch == Arch.ARM64 ? ", VM_ALLOW_ANY_UNCACHED" : "") + "); an nvgrace-gpu usemem region is MT_NORMAL instead");
        }
        long pageSize = v.kernelPageSize() == 0 ? granule.pageSize() : v.kernelPageSize();
        boolean thp = pageSize == granule.pageSize() && (v.thpEligible() || v.hugePmdMappedKb() > 0);
        return new Vma(name, v.start(), v.end() - v.start(), Perms.parse(v.perms()), flags, memType,
                new Backing(kind, null, pageSize, thp, List.of()));
    }

    private static VmFlag bySmapsCode(String code) {
        for (VmFlag f : VmFlag.values()) {
            if (!f.smapsCode().isEmpty() && f.smapsCode().equals(code)) {
                return f;
            }
        }
        return null;
    }
}
