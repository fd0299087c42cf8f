package org.stage2scope.io.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vma;

class QemuImporterTest {
    private static final Set<MemslotFlag> RO = Set.of(MemslotFlag.KVM_MEM_READONLY);

    private static void slot(MemslotCall m, int id, long gpa, long size, long hva, Set<MemslotFlag> flags) {
        assertEquals(id, m.slot(), "slot id");
        assertEquals(0, m.addressSpace());
        assertEquals(gpa, m.gpa(), "gpa of slot " + id);
        assertEquals(size, m.size(), "size of slot " + id);
        assertEquals(hva, m.hva(), "hva of slot " + id);
        assertEquals(flags, m.flags(), "flags of slot " + id);
    }

    @Test
    void aarch64VirtGivesFlashReadOnlyAndRam0OnTheTwoGiBMemfd() throws Exception {
        ImportResult r = Samples.importSample(Samples.ARM, ImportOptions.DEFAULT);
        Scenario s = r.scenario();
        assertEquals(Arch.ARM64, s.host().arch());
        assertEquals(Granule.G4K, s.host().pageSize());
        assertEquals(48, s.host().vaBits());
        assertEquals(40, s.vm().ipaBits());
        List<MemslotCall> slots = s.memslots();
        assertEquals(3, slots.size());
        slot(slots.get(0), 0, 0x0L, 64L << 20, 0x7fc0dbc00000L, RO);
        slot(slots.get(1), 1, 0x4000000L, 64L << 20, 0x7fc0d7a00000L, RO);
        slot(slots.get(2), 2, 0x40000000L, 2L << 30, 0x7fc0e3fff000L, Set.of());
        assertEquals("ram0", slots.get(2).label());
        assertTrue(r.report().mentions("2 VMAs share the name /memfd:memory-backend-memfd (deleted)"));
        assertTrue(r.report().mentions("ram block 0000:00:01.0/shm0 (64 MiB) -> VMA 0x7fc0dfffe000-0x7fc0e3ffe000"));
        assertTrue(r.report().mentions("ambiguous among 2 VMAs of that size (0x7fc0dbc00000, 0x7fc0d7a00000)"));
        assertTrue(r.report().mentions("TCG emulation"));
    }

    @Test
    void aarch64KeepsOnlyBlockVmasAndPfnmapOnes() throws Exception {
        Scenario s = Samples.importSample(Samples.ARM, ImportOptions.DEFAULT).scenario();
        assertEquals(10, s.vmas().size());
        Vma ram0 = s.vmas().stream().filter(v -> v.start() == 0x7fc0e3fff000L).findFirst().orElseThrow();
        assertEquals("/memfd:memory-backend-memfd (deleted) @0x7fc0e3fff000", ram0.name());
        assertEquals(MemType.MT_NORMAL, ram0.memType());
        assertEquals(Backing.Kind.RAM, ram0.backing().kind());
        assertEquals(false, ram0.backing().thp());
        Vma flash0 = s.vmas().stream().filter(v -> v.start() == 0x7fc0dbc00000L).findFirst().orElseThrow();
        assertEquals("[anon]@0x7fc0dbc00000", flash0.name());
        assertTrue(flash0.backing().thp());
        Scenario all = Samples.importSample(Samples.ARM, new ImportOptions(null, true, "x")).scenario();
        assertEquals(355, all.vmas().size());
        assertEquals(true, Samples.importSample(Samples.ARM, new ImportOptions(null, true, "x")).report().mentions("[vsyscall]: a kernel-half gate VMA"));
        assertEquals("x", all.name());
    }

    @Test
    void q35SplitsRamAroundTheHolesIntoTheOneFileVma() throws Exception {
        ImportResult r = Samples.importSample(Samples.Q35, ImportOptions.DEFAULT);
        Scenario s = r.scenario();
        assertEquals(Arch.X86_INTEL, s.host().arch());
        long file = 0x7f9f7bfff000L;
        List<MemslotCall> slots = s.memslots();
        assertEquals(10, slots.size());
        slot(slots.get(0), 0, 0x0L, 0xa0000L, file, Set.of());
        slot(slots.get(1), 1, 0xc0000L, 0xb000L, file + 0xc0000L, RO);
        slot(slots.get(2), 2, 0xcb000L, 0x3000L, file + 0xcb000L, Set.of());
        slot(slots.get(3), 3, 0xce000L, 0x1a000L, file + 0xce000L, RO);
        slot(slots.get(4), 4, 0xe8000L, 0x8000L, file + 0xe8000L, Set.of());
        slot(slots.get(5), 5, 0xf0000L, 0x10000L, file + 0xf0000L, RO);
        slot(slots.get(6), 6, 0x100000L, 0x7ff00000L, file + 0x100000L, Set.of());
        slot(slots.get(7), 7, 0xfd000000L, 16L << 20, 0x7f9f7aa00000L, Set.of());
        slot(slots.get(8), 8, 0xfffc0000L, 256L << 10, 0x7f9f7be00000L, RO);
        slot(slots.get(9), 9, 0x100000000L, 3L << 30, file + 0x80000000L, Set.of());
        Vma ram = s.vmas().stream().filter(v -> v.start() == file).findFirst().orElseThrow();
        assertEquals("/dev/shm/q35ram", ram.name());
        assertEquals(5L << 30, ram.size());
        assertEquals(MemType.WB, ram.memType());
        assertTrue(r.report().mentions("slot 1: read-only alias of RAM region pc.ram"));
        assertTrue(r.report().mentions("the SMM view"));
        assertTrue(r.scenario().description().contains("slot 1 READONLY"));
        // A slide-sized title (issue 8: an import was titled with two absolute paths); the paths stay in the description.
        assertEquals("QEMU x86-intel VM, 5.0 GiB in 10 memslots", s.name());
        assertTrue(s.description().contains("smaps"), s.description());
    }

    @Test
    void archOptionOverridesTheGuess() throws Exception {
        ImportResult r = Samples.importSample(Samples.Q35, new ImportOptions(Arch.X86_AMD, false, null));
        assertEquals(Arch.X86_AMD, r.scenario().host().arch());
        assertTrue(r.report().mentions("arch x86-amd: given by --arch"));
    }

    private static final String SYNTH_SMAPS = String.join("\n",
            "7f0000000000-7f0040000000 rw-s 00000000 00:0f 100    /dev/hugepages/qemu_back_mem.pc.ram.Xb12cd (deleted)",
            "Size:            1048576 kB", "KernelPageSize:  1048576 kB", "MMUPageSize:     1048576 kB",
            "VmFlags: rd wr sh mr mw me ms de ht dc ",
            "7f1000000000-7f1001000000 rw-s 00000000 00:0e 5    /dev/vfio/devices/vfio0",
            "Size:              16384 kB", "KernelPageSize:        4 kB", "MMUPageSize:           4 kB",
            "VmFlags: rd wr sh mr mw me ms pf io de dd ",
            "7f2000000000-7f2000200000 rw-p 00000000 00:00 0",
            "Size:               2048 kB", "KernelPageSize:        4 kB", "MMUPageSize:           4 kB",
            "VmFlags: rd wr mr mw me ac ", "");

    private static final String SYNTH_MONITOR = String.join("\n",
            "(qemu) info mtree -f", "FlatView #0", " AS \"memory\", root: system", " Root memory region: system",
            "  0000000000000000-000000003fffffff (prio 0, ram): pc.ram kvm",
            "  00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic",
            "  00000000fee00000-00000000fee00fff (prio 0, ram): not-in-kvm",
            "  0000000800000000-0000000800ffffff (prio 0, ramd): 0000:01:00.0 BAR 0 mmaps[0] kvm",
            "", "(qemu) info ramblock",
            "              Block Name    PSize              Offset               Used              Total",
            "                  pc.ram    1 GiB  0x0000000000000000 0x0000000040000000 0x0000000040000000",
            "                            4 KiB  0x0000000040000000 0x0000000001000000 0x0000000001000000",
            "(qemu) ");

    @Test
    void vfioBarAndHugetlbAreInferredAndReported() throws Exception {
        ImportResult r = QemuImporter.importText(SYNTH_SMAPS, "s", SYNTH_MONITOR, "m", new ImportOptions(Arch.ARM64, false, null));
        Scenario s = r.scenario();
        assertEquals(2, s.memslots().size(), r.report().toString());
        slot(s.memslots().get(0), 0, 0, 1L << 30, 0x7f0000000000L, Set.of());
        slot(s.memslots().get(1), 1, 0x800000000L, 16L << 20, 0x7f1000000000L, Set.of());
        assertEquals(2, s.vmas().size());
        Vma ram = s.vmas().get(0);
        assertEquals(1L << 30, ram.backing().pageSize());
        assertEquals(Backing.Kind.RAM, ram.backing().kind());
        Vma bar = s.vmas().get(1);
        assertEquals("/dev/vfio/devices/vfio0", bar.name());
        assertEquals(MemType.MT_DEVICE_nGnRnE, bar.memType());
        assertEquals(Backing.Kind.DEVICE, bar.backing().kind());
        assertTrue(r.report().mentions("ram block pc.ram (1 GiB) -> VMA 0x7f0000000000-0x7f0040000000"));
        assertTrue(r.report().mentions("by name"));
        assertTrue(r.report().mentions("not-in-kvm (monitor line 7): QEMU printed no \" kvm\""));
        assertTrue(s.description().contains("/dev/vfio/devices/vfio0 memType/backing (vfio BAR)"));

        Scenario x86 = QemuImporter.importText(SYNTH_SMAPS, "s", SYNTH_MONITOR, "m", new ImportOptions(Arch.X86_INTEL, false, null)).scenario();
        assertEquals(MemType.UC_MINUS, x86.vmas().get(1).memType());
    }

    @Test
    void unknownArchitectureAsksForTheOption() {
        String monitor = SYNTH_MONITOR.replace("pc.ram", "mem").replace("ioapic", "dev");
        ImportException e = assertThrows(ImportException.class,
                () -> QemuImporter.importText(SYNTH_SMAPS, "s", monitor, "m", ImportOptions.DEFAULT));
        assertTrue(e.getMessage().contains("expected --arch arm64, x86-intel or x86-amd"), e.getMessage());
    }
}
