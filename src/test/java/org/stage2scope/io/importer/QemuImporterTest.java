package org.stage2scope.io.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.memslot.MemslotValidator;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.model.Arch;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.VmFlag;

/** Real captures from running QEMU 7.2 processes (shared/samples-real), copied into test resources. */
class QemuImporterTest {

    private static String resource(String path) throws Exception {
        try (InputStream in = QemuImporterTest.class.getResourceAsStream("/real/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static QemuImporter.Result importCapture(String dir, Arch arch) throws Exception {
        return QemuImporter.importQemu(resource(dir + "/smaps.txt"), "smaps.txt", resource(dir + "/monitor.txt"), "monitor.txt", arch);
    }

    @Test
    void aarch64VirtFlashAndRamBecomeThreeMemslots() throws Exception {
        QemuImporter.Result r = importCapture("qemu-aarch64-virt-uefi", null);
        Scenario s = r.scenario();
        assertEquals(Arch.ARM64, s.host().arch());
        assertEquals(List.of(
                new MemslotCall(0, 0, 0x0L, 64L << 20, 0x7fc0d7a00000L, Set.of(MemslotFlag.KVM_MEM_READONLY), 0, "virt.flash0"),
                new MemslotCall(1, 0, 0x4000000L, 64L << 20, 0x7fc0dbc00000L, Set.of(MemslotFlag.KVM_MEM_READONLY), 0, "virt.flash1"),
                new MemslotCall(2, 0, 0x40000000L, 2L << 30, 0x7fc0e3fff000L, Set.of(), 0, "ram0")), s.memslots());
        assertEquals("/memfd:memory-backend-memfd (deleted)", s.vmas().get(2).name());
        assertTrue(s.vmas().get(2).has(VmFlag.VM_MAYSHARE) && s.vmas().get(2).perms().shared());
        assertTrue(r.notes().contains("region virt.flash0: 3 VMAs of 64M could back it; took the first, 0x7fc0d7a00000 (smaps line 276)"),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("host arch arm64 guessed")), r.notes().toString());
    }

    @Test
    void q35RamIsSplitAroundTheLegacyHolesAndAbove4G() throws Exception {
        Scenario s = importCapture("qemu-x86-q35", null).scenario();
        assertEquals(Arch.X86_INTEL, s.host().arch());
        assertEquals(10, s.memslots().size());
        MemslotCall high = s.memslots().get(9);
        assertEquals(0x100000000L, high.gpa());
        assertEquals(3L << 30, high.size());
        assertEquals(0x7f9f7bfff000L + 0x80000000L, high.hva(), "HVA = the RAM VMA's start + the alias offset");
        assertEquals("pc.ram @0x80000000", high.label());
        MemslotCall rom = s.memslots().get(1);
        assertEquals(Set.of(MemslotFlag.KVM_MEM_READONLY), rom.flags());
        assertEquals(0xc0000L, rom.gpa());
        assertEquals("/dev/shm/q35ram", s.vmas().get(2).name());
        assertEquals(MemType.WB, s.vmas().get(2).memType());
    }

    @Test
    void importedScenariosAreAcceptedByKvmAndRoundTrip() throws Exception {
        for (String dir : List.of("qemu-aarch64-virt-uefi", "qemu-x86-q35")) {
            Scenario s = importCapture(dir, null).scenario();
            for (MemslotResult m : MemslotValidator.replay(s, Policy.of(PolicyId.UPSTREAM)).results()) {
                assertTrue(m.ok(), dir + ": " + m.explanation());
            }
            assertEquals(s, ScenarioReader.readString(ScenarioWriter.write(s), dir));
        }
    }

    @Test
    void givenArchWins() throws Exception {
        assertEquals(Arch.X86_AMD, importCapture("qemu-x86-q35", Arch.X86_AMD).scenario().host().arch());
    }

    @Test
    void vfioPfnmapIsInferredAsAVfioPciBar() throws Exception {
        String smaps = """
                7f0000000000-7f0001000000 rw-s 00000000 00:0e 1234                       /dev/vfio/devices/vfio0
                Size:              16384 kB
                KernelPageSize:        4 kB
                VmFlags: rd wr sh mr mw me ms pf io de dd
                """;
        String monitor = """
                FlatView #1
                 AS "memory", root: system
                  0000000010000000-0000000010ffffff (prio 1, ramd): 0000:01:00.0 BAR 0 mmaps[0]
                """;
        QemuImporter.Result r = QemuImporter.importQemu(smaps, "s", monitor, "m", Arch.ARM64);
        var vma = r.scenario().vmas().get(0);
        assertEquals(MemType.MT_DEVICE_nGnRnE, vma.memType());
        assertEquals(Set.of(VmFlag.VM_MAYREAD, VmFlag.VM_MAYWRITE, VmFlag.VM_MAYEXEC, VmFlag.VM_MAYSHARE, VmFlag.VM_PFNMAP,
                VmFlag.VM_IO, VmFlag.VM_DONTEXPAND, VmFlag.VM_DONTDUMP, VmFlag.VM_ALLOW_ANY_UNCACHED), vma.flags());
        assertEquals("0000:01:00.0 BAR 0 mmaps[0]", r.scenario().memslots().get(0).label());
        assertEquals(Set.of(), r.scenario().memslots().get(0).flags());
    }

    @Test
    void garbageInSmapsIsALocatedError() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> SmapsParser.parse("7f00-7f01 rw-p 0 00:00 0\nthis is not smaps\n", "smaps.txt"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("smaps.txt:2:1: not a /proc/PID/smaps line: \"this is not smaps\""), e.getMessage());
    }

    @Test
    void monitorWithoutTheSystemFlatViewSaysWhatToPaste() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> MonitorParser.parse("(qemu) info pci\n", "m.txt"));
        assertTrue(e.getMessage().contains("paste the output of the monitor command \"info mtree -f\""), e.getMessage());
    }
}
