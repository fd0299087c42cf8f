package org.stage2scope.io.qemu;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.stage2scope.io.InputFile;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.X86Quirk;

/**
 * Builds a scenario from a QEMU process's smaps and its monitor's {@code info mtree -f} and
 * {@code info ramblock}: the memslots QEMU's KVM listener (accel/kvm kvm_set_phys_mem) registers for
 * the system address space, over the VMAs that back them.
 */
public final class QemuImporter {
    /** How the report line on host features starts; import --host replaces that line with the probed host's. */
    public static final String NO_HOST_FEATURES = "host CPU features";

    /** How an imported scenario's description starts, so a report can tell an import (and list its caveats) after it was saved. */
    public static final String DESCRIPTION_PREFIX = "Imported from ";
    /** Introduces the "; "-separated list of what the importer inferred, at the end of the description. */
    public static final String INFERRED = " Inferred, check: ";

    private QemuImporter() {}

    /**
     * Reads both captures and imports them. The command line and the app's File > Import both come here,
     * so an unreadable file reads the same in either: {@code FILE: cannot read: no such file}.
     */
    public static ImportResult importFiles(Path smaps, Path monitor, ImportOptions options) throws ImportException {
        if (smaps.toString().equals(InputFile.STDIN) && monitor.toString().equals(InputFile.STDIN)) {
            throw new ImportException("-", 0, "both captures cannot come from standard input; expected at most one of --smaps and --monitor as -");
        }
        return importText(read(smaps), name(smaps), read(monitor), name(monitor), options);
    }

    /** A capture larger than this is not one VM's smaps or monitor transcript (a big VM's smaps is a few MB). */
    public static final long MAX_BYTES = 64L << 20;

    /**
     * smaps is mostly ASCII, but a mapped file's name may be in any encoding: fall back to Latin-1.
     * "-" is standard input (only one of the two captures can come from there).
     */
    private static String read(Path file) throws ImportException {
        byte[] bytes;
        try {
            bytes = InputFile.read(file, MAX_BYTES, "expected one VM's /proc/PID/smaps or monitor transcript");
        } catch (InputFile.Unreadable e) {
            throw new ImportException(name(file), 0, e.getMessage().replace("cannot read: permission denied",
                    "cannot read: permission denied (smaps of another user's process needs root: sudo cat /proc/PID/smaps > smaps.txt)"));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String name(Path file) {
        return file.toString().equals(InputFile.STDIN) ? "<stdin>" : file.toString();
    }

    /** Parses both inputs and imports them; {@code smapsName}/{@code monitorName} name them in messages. */
    public static ImportResult importText(String smapsText, String smapsName, String monitorText, String monitorName,
                                          ImportOptions options) throws ImportException {
        SmapsFile smaps = SmapsParser.parse(smapsText, smapsName);
        List<FlatView> views = MtreeParser.parse(monitorText, monitorName);
        List<RamBlock> blocks = RamblockParser.parse(monitorText, monitorName);
        ImportReport report = new ImportReport();
        FlatView system = MtreeParser.systemView(views, monitorName);
        int captures = views.get(views.size() - 1).capture();
        if (captures > 1) {
            report.add(monitorName + ": the transcript holds " + captures + " \"info mtree -f\" outputs; imported the last one"
                    + " (FlatView #" + system.number() + " at line " + system.line() + ")");
        }
        List<Integer> tables = RamblockParser.tableLines(monitorText);
        if (tables.size() > 1) {
            report.add(monitorName + ": the transcript holds " + tables.size() + " \"info ramblock\" tables; imported the last one"
                    + " (at line " + tables.get(tables.size() - 1) + ")");
        }
        return build(smaps, views, blocks, monitorName, options, report);
    }

    public static ImportResult build(SmapsFile smaps, List<FlatView> views, List<RamBlock> blocks, String monitorName,
                                     ImportOptions options) throws ImportException {
        return build(smaps, views, blocks, monitorName, options, new ImportReport());
    }

    private static ImportResult build(SmapsFile smaps, List<FlatView> views, List<RamBlock> blocks, String monitorName,
                                      ImportOptions options, ImportReport report) throws ImportException {
        FlatView system = MtreeParser.systemView(views, monitorName);
        for (String skipped : system.skipped()) {
            report.add(monitorName + ":" + skipped);
        }
        List<String> inferred = new ArrayList<>();

        Arch arch = options.arch();
        if (arch == null) {
            ArchGuess.Guess g = ArchGuess.guess(views, smaps);
            if (g == null) {
                throw new ImportException(monitorName, 0, "cannot tell the host architecture from the regions or the QEMU binary; "
                        + "expected --arch arm64, x86-intel or x86-amd");
            }
            arch = g.arch();
            report.add("arch " + arch.id() + ": guessed because " + g.reason() + "; override with --arch");
            if (arch.isX86()) {
                report.add("arch x86: the CPU vendor is not in these inputs; assumed Intel (EPT), pass --arch x86-amd for an AMD (NPT) host");
                inferred.add("x86 vendor assumed Intel");
            }
        } else {
            report.add("arch " + arch.id() + ": given by --arch");
        }
        for (SmapsVma v : smaps.vmas()) {
            if (v.path().contains("ld-linux-") && !v.path().contains(arch == Arch.ARM64 ? "aarch64" : "x86-64")) {
                report.add("the QEMU process itself runs on another architecture (it maps " + v.path() + "): these captures come from"
                        + " TCG emulation, not KVM; imported as if KVM ran the guest natively (host arch " + arch.id() + ")");
                break;
            }
        }
        for (String w : smaps.warnings()) {
            report.add("warning: " + w);
        }

        Granule granule = granule(smaps, arch, report);
        int vaBits = vaBits(smaps, arch, report);
        int ipaBits = ipaBits(system, arch, report);
        Host host = new Host(arch, granule, vaBits, Set.of());
        // Which features decide depends on the arch (FWB/DIC for arm64 stage 2, self-snoop for x86 PAT),
        // so name only this arch's: listing FWB on an Intel import sent readers looking for it.
        report.add(NO_HOST_FEATURES + " (" + (arch == Arch.ARM64 ? "FWB, DIC, IDC, MTE" : "SELF_SNOOP")
                + ") are not in these inputs: none assumed; add them under host.features, or import with --host host.json"
                + " written by `stage2scope probe -o host.json` on that host");
        Vm vm = new Vm(ipaBits, false, PolicyId.UPSTREAM,
                X86Quirk.defaultsFor(arch), false);

        for (FlatView v : views) {
            if (v != system && v.capture() == system.capture() && v.addressSpaces().stream().anyMatch(a -> a.startsWith("cpu-smm"))) {
                report.add("FlatView #" + v.number() + " " + v.addressSpaces() + ": the SMM view; under KVM QEMU registers it in KVM"
                        + " address space 1, not imported (only the system address space is)");
            }
        }

        Map<RamBlock, BlockMatcher.Match> matches = BlockMatcher.match(blocks, smaps, report);
        Set<SmapsVma> deviceVmas = new HashSet<>();
        for (Map.Entry<RamBlock, BlockMatcher.Match> e : matches.entrySet()) {
            // An unnamed block (a vfio BAR's RAM device) is what a ramd range falls back to, so its VMA stays available.
            if (!e.getKey().name().isEmpty()) {
                deviceVmas.add(e.getValue().vma());
            }
        }
        List<MemslotCall> memslots = memslots(system, monitorName, blocks, matches, smaps, deviceVmas, report, inferred);

        Set<RamBlock> mapped = new HashSet<>();
        for (FlatRange r : system.ranges()) {
            RamBlock b = blockFor(r, blocks);
            if (r.isMemory() && b != null) {
                mapped.add(b);
            }
        }
        Map<SmapsVma, String> roles = new HashMap<>();
        for (Map.Entry<RamBlock, BlockMatcher.Match> e : matches.entrySet()) {
            roles.put(e.getValue().vma(), "ram block " + e.getKey());
            boolean slotted = memslots.stream().anyMatch(ms -> e.getValue().vma().contains(ms.hva()));
            if (!mapped.contains(e.getKey()) && !slotted) {
                report.add("ram block " + e.getKey() + ": no ram/rom range of the system address space maps it now"
                        + " (a firmware blob or an unassigned BAR); its VMA is kept, no memslot");
            }
        }
        List<SmapsVma> kept = new ArrayList<>();
        for (SmapsVma v : smaps.vmas()) {
            if (isKernelHalf(v)) {
                if (options.allVmas()) {
                    report.add("vma " + v + ": a kernel-half gate VMA (like x86 [vsyscall]), not a user VMA KVM can use; left out");
                }
                continue;
            }
            if (options.allVmas() || roles.containsKey(v) || v.has(VmFlag.VM_PFNMAP)) {
                kept.add(v);
            }
        }
        if (!options.allVmas()) {
            report.add("kept " + kept.size() + " of " + smaps.vmas().size() + " VMAs: those backing RAM blocks and the VM_PFNMAP ones"
                    + " (--all-vmas keeps every VMA)");
        }
        kept.sort(Comparator.comparing(SmapsVma::start, Long::compareUnsigned));
        Map<String, Integer> pathCount = new HashMap<>();
        for (SmapsVma v : kept) {
            pathCount.merge(v.path(), 1, Integer::sum);
        }
        List<Vma> vmas = new ArrayList<>();
        for (SmapsVma v : kept) {
            String name = v.path().isEmpty() ? "[anon]@" + U64.hex(v.start())
                    : pathCount.get(v.path()) > 1 ? v.path() + " @" + U64.hex(v.start()) : v.path();
            if (VmaInference.isVfioBar(v)) {
                inferred.add(name + " memType/backing (vfio BAR)");
            }
            vmas.add(VmaInference.convert(v, name, arch, granule, roles.getOrDefault(v, ""), report));
        }

        // A short title that fits a slide's caption; the two capture paths go into the description.
        long guestBytes = 0;
        for (MemslotCall m : memslots) {
            guestBytes += m.size();
        }
        String name = options.name() != null ? options.name()
                : "QEMU " + arch.id() + " VM, " + U64.human(guestBytes) + " in " + memslots.size() + " memslots";
        String description = DESCRIPTION_PREFIX + smaps.source() + " (/proc/PID/smaps) and " + monitorName
                + " (QEMU info mtree -f, info ramblock): " + memslots.size() + " memslots over " + vmas.size() + " VMAs."
                + (inferred.isEmpty() ? "" : INFERRED + String.join("; ", inferred) + ".");
        Scenario scenario = new Scenario(name, description, host, vm, vmas, memslots, Guest.EMPTY);
        return new ImportResult(scenario, report);
    }

    /** KVM_MEM_SLOTS_NUM (SHRT_MAX): no VMM can register more memslots in one address space. */
    static final int MAX_SLOTS = Short.MAX_VALUE;

    private static List<MemslotCall> memslots(FlatView system, String monitorName, List<RamBlock> blocks,
                                              Map<RamBlock, BlockMatcher.Match> matches, SmapsFile smaps, Set<SmapsVma> usedDeviceVmas,
                                              ImportReport report, List<String> inferred) throws ImportException {
        boolean kvmMarked = system.ranges().stream().anyMatch(FlatRange::kvm);
        Set<String> ramRegions = new HashSet<>();
        for (FlatRange r : system.ranges()) {
            if (r.type().equals("ram")) {
                ramRegions.add(r.region());
            }
        }
        List<MemslotCall> out = new ArrayList<>();
        for (FlatRange r : system.ranges()) {
            if (!r.isMemory()) {
                continue;
            }
            String where = "range " + r + " (monitor line " + r.line() + ")";
            if (kvmMarked && !r.kvm()) {
                report.add(where + ": QEMU printed no \" kvm\" for it, so KVM has no memslot there; none imported");
                continue;
            }
            if (r.size() == 0) {
                report.add(where + ": covers all 2^64 bytes, which no memslot can; skipped");
                continue;
            }
            RamBlock block = blockFor(r, blocks);
            BlockMatcher.Match m = block == null ? null : matches.get(block);
            if (block == null && r.type().equals("ramd")) {
                m = deviceVma(r, smaps, usedDeviceVmas);
                if (m == null) {
                    report.add(where + ": unmatched, a RAM device region without a named ram block and no unused vfio VMA"
                            + " (pf io on /dev/vfio/...) of at least " + U64.hex(r.offset() + r.size()) + " bytes; no memslot");
                    continue;
                }
                report.add(where + ": RAM device region with no named ram block (vfio BARs have none); took VMA " + m.vma()
                        + " (smaps line " + m.vma().line() + "), the lowest unused vfio mapping large enough; correct it if wrong");
                inferred.add("VMA of " + r.region());
            } else if (block == null) {
                report.add(where + ": unmatched, no ram block is named " + r.region() + "; no memslot");
                continue;
            } else if (m == null) {
                report.add(where + ": ram block " + block.name() + " has no VMA; no memslot");
                continue;
            } else if (U64.addOverflows(r.offset(), r.size()) || U64.lt(block.used(), r.offset() + r.size())) {
                report.add(where + ": runs past the used length " + U64.hex(block.used()) + " of ram block " + block.name());
            }
            if (out.size() == MAX_SLOTS) {
                throw new ImportException(monitorName, r.line(), "the system flat view needs more than "
                        + MAX_SLOTS + " memslots; KVM has at most " + MAX_SLOTS + " (KVM_MEM_SLOTS_NUM = SHRT_MAX), so QEMU"
                        + " could not have registered it; expected a capture of a running VM");
            }
            long hva = m.hostBase() + r.offset();
            Set<MemslotFlag> flags = r.isReadOnly() ? Set.of(MemslotFlag.KVM_MEM_READONLY) : Set.of();
            int slot = out.size();
            String label = r.region() + (r.offset() != 0 ? " @" + U64.hex(r.offset()) : "");
            out.add(new MemslotCall(slot, 0, r.start(), r.size(), hva, flags, 0, label));
            String line = "slot " + slot + ": gpa " + U64.hex(r.start()) + " size " + U64.human(r.size()) + " -> hva " + U64.hex(hva)
                    + " (" + (block == null ? r.region() : block.name()) + " + " + U64.hex(r.offset()) + ")" + (flags.isEmpty() ? "" : " KVM_MEM_READONLY (" + r.type() + ")");
            report.add(line);
            if (r.type().equals("rom") && ramRegions.contains(r.region())) {
                report.add("slot " + slot + ": read-only alias of RAM region " + r.region() + " (like PC PAM shadowing); QEMU's"
                        + " kvm_mem_flags() takes READONLY from the MemoryRegion, not the alias, so a real KVM slot here is likely"
                        + " writable; imported READONLY as the flat view prints it, correct it if so");
                inferred.add("slot " + slot + " READONLY");
            }
            if (r.type().equals("ramd")) {
                report.add("slot " + slot + ": a RAM device region (an mmap'ed device BAR); its VMA decides the stage-2 memory type");
            }
            if (!U64.le(m.vma().start(), hva) || U64.lt(m.vma().end() - hva, r.size())) {
                report.add("slot " + slot + ": [hva, hva + size) is not inside VMA " + m.vma() + "; KVM would refuse or fault on it");
            }
        }
        return out;
    }

    /** A vfio BAR mmap for a RAM device range: the lowest-addressed unused vfio VMA that holds offset + size. */
    private static BlockMatcher.Match deviceVma(FlatRange r, SmapsFile smaps, Set<SmapsVma> used) {
        for (SmapsVma v : smaps.vmas()) {
            if (!used.contains(v) && VmaInference.isVfioBar(v) && !U64.addOverflows(r.offset(), r.size())
                    && U64.le(r.offset() + r.size(), v.size())) {
                used.add(v);
                return new BlockMatcher.Match(v, v.start(), "vfio BAR mmap");
            }
        }
        return null;
    }

    /** The flat range's region is its RAM block's name, or the last part of it: QEMU prefixes a device's path ("0000:00:01.0/vga.vram"). */
    static RamBlock blockFor(FlatRange r, List<RamBlock> blocks) {
        for (RamBlock b : blocks) {
            if (b.name().equals(r.region())) {
                return b;
            }
        }
        for (RamBlock b : blocks) {
            if (b.name().endsWith("/" + r.region())) {
                return b;
            }
        }
        return null;
    }

    private static Granule granule(SmapsFile smaps, Arch arch, ImportReport report) {
        if (arch.isX86()) {
            return Granule.G4K;
        }
        Map<Long, Integer> counts = new TreeMap<>();
        for (SmapsVma v : smaps.vmas()) {
            if (v.kernelPageSize() > 0 && !v.has(VmFlag.VM_HUGETLB)) {
                counts.merge(v.kernelPageSize(), 1, Integer::sum);
            }
        }
        long page = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(4096L);
        for (Granule g : Granule.values()) {
            if (g.pageSize() == page) {
                report.add("host page size " + g.id() + ": " + (counts.isEmpty() ? "assumed (maps has no KernelPageSize)" : "the KernelPageSize of the non-hugetlb VMAs"));
                return g;
            }
        }
        report.add("host page size: KernelPageSize " + U64.human(page) + " is no arm64 granule; assumed 4K");
        return Granule.G4K;
    }

    /** Above 2^63: the x86 [vsyscall] page smaps lists, which lives in the kernel's half of the address space. */
    private static boolean isKernelHalf(SmapsVma v) {
        return v.start() < 0;
    }

    private static int vaBits(SmapsFile smaps, Arch arch, ImportReport report) {
        int bits = Host.defaultVaBits(arch);
        long top = 0;
        for (SmapsVma v : smaps.vmas()) {
            if (!isKernelHalf(v)) {
                top = U64.max(top, v.end() - 1);
            }
        }
        int needed = 64 - Long.numberOfLeadingZeros(top);
        if (needed > bits) {
            bits = arch == Arch.ARM64 ? 52 : 57;
        }
        report.add("host VA bits " + bits + ": " + (bits == Host.defaultVaBits(arch) ? "the default, the highest VMA ends below 2^" + bits
                : "the highest VMA ends above 2^" + Host.defaultVaBits(arch)));
        return bits;
    }

    private static int ipaBits(FlatView system, Arch arch, ImportReport report) {
        long top = 0;
        for (FlatRange r : system.ranges()) {
            top = U64.max(top, r.last());
        }
        int needed = 64 - Long.numberOfLeadingZeros(top);
        // QEMU's virt_kvm_type asks for the bits of the highest GPA and keeps KVM's 40-bit default below that.
        int bits = Math.min(52, Math.max(Math.max(32, needed), 40));
        report.add((arch == Arch.ARM64 ? "IPA bits " : "guest physical address bits ") + bits + ": the flat view ends at "
                + U64.hex(top) + " (" + needed + " bits), at least 40");
        return bits;
    }
}
