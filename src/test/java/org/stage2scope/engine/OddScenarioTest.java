package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
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

/** Scenarios the model accepts but no kernel would build: every one gives findings, never an exception. */
class OddScenarioTest {
    static final long TOP = -1L;

    private static Scenario odd(Arch arch) {
        return odd(arch, arch == Arch.ARM64);
    }

    private static Scenario odd(Arch arch, boolean mte) {
        Host host = arch == Arch.ARM64 ? new Host(arch, Granule.G64K, 52, Set.of(CpuFeature.FWB))
                : new Host(arch, Granule.G4K, 47, Set.of());
        Vm vm = new Vm(arch == Arch.ARM64 ? 52 : 46, mte, PolicyId.UPSTREAM, Set.of(), true);
        MemType normal = MemType.defaultFor(arch);
        List<Vma> vmas = List.of(
                new Vma("top", -0x10_0000L, 0x10_0000L, Perms.RW_SHARED, Set.of(VmFlag.VM_PFNMAP), normal,
                        new Backing(Backing.Kind.DEVICE, -0x10_0000L, 1L << 16, false, List.of(-1L))),
                new Vma("overlap-a", 0x1000_0000L, 0x100_0000L, Perms.RW_SHARED, Set.of(), normal,
                        new Backing(Backing.Kind.RAM, null, 1L << 16, true, List.of(0x1000_0000L, 0x1000_0000L, 0x7777_7777_7777L))),
                new Vma("overlap-b", 0x1080_0000L, 0x100_0000L, Perms.parse("r--p"), Set.of(VmFlag.VM_HUGETLB), normal,
                        new Backing(Backing.Kind.RAM, null, 1L << 62, false, List.of())),
                new Vma("huge", 0x8000_0000_0000_0000L, 0x4000_0000_0000_0000L, Perms.RW_SHARED, Set.of(), normal,
                        Backing.ram(1L << 16)));
        List<MemslotCall> calls = List.of(
                new MemslotCall(0, 0, 0, 0x200_0000L, 0x1000_0000L, Set.of(), 0, "overlapping vmas"),
                new MemslotCall(1, 0, 0x100_0000L, 0x200_0000L, 0x1000_0000L, Set.of(), 0, "overlapping slot"),
                new MemslotCall(2, 0, TOP - 0xffff, 0x10000, TOP - 0xffff, Set.of(), 0, "at 2^64"),
                new MemslotCall(3, 0, TOP - 0xfff, 0x2000, 0x2000_0000L, Set.of(), 0, "wraps"),
                new MemslotCall(4, 0, 0x4000_0000L, 0x7fff_ffff_ffff_0000L, 0x8000_0000_0000_0000L, Set.of(), 0, "huge"),
                new MemslotCall(5, 1, 0x4000_0000L, 0x10000, 0x1000_0000L, Set.of(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES), 0, "as 1"),
                new MemslotCall(6, 0, 0x123, 0x10000, 0x1000_0000L, Set.of(), 0, "unaligned"),
                new MemslotCall(0, 0, 0, 0, 0, Set.of(), 0, "delete"),
                new MemslotCall(0, 0, 0, 0, 0, Set.of(), 0, "delete again"),
                new MemslotCall(7, 0, 0x8000_0000L, 0x10000, 0x3000_0000L, Set.of(), 0, "no vma"));
        Stage1Attr attr = arch == Arch.ARM64 ? new Stage1Attr.Mair(0x4f) : Stage1Attr.parse(arch, "UC-");
        Guest guest = new Guest(List.of(new Stage1Range(0, TOP, attr), new Stage1Range(TOP, 1, attr)),
                List.of(new GuestAccess(TOP, GuestAccess.Kind.EXEC, ""), new GuestAccess(0, GuestAccess.Kind.WRITE, ""),
                        new GuestAccess(0x8000_0000L, GuestAccess.Kind.READ, "")));
        return new Scenario("odd", "", host, vm, vmas, calls, guest);
    }

    @Test
    void oddArm64ScenarioGivesFindingsUnderEveryPolicy() {
        for (Evaluation e : Evaluator.compareAll(odd(Arch.ARM64))) {
            assertEquals(10, e.memslotCalls().size());
            assertFalse(e.memslotCalls().get(1).ok(), "overlapping slot is refused");
            assertFalse(e.memslotCalls().get(3).ok(), "wrapping slot is refused");
            assertFalse(e.memslotCalls().get(6).ok(), "unaligned GPA is refused");
            for (MemslotResult r : e.memslotCalls()) {
                if (!r.ok()) {
                    assertTrue(e.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
                            && f.ref().equals(new Ref.MemslotCall(r.index()))), "no finding for refused call " + r.index());
                }
            }
            assertTrue(e.findings().stream().anyMatch(f -> f.rule().id().equals("vma.overlap")));
            assertEquals(3, e.accesses().size());
            for (Stage2Run r : e.stage2()) {
                assertTrue(r.size() != 0);
            }
        }
    }

    @Test
    void oddArm64ScenarioWithoutMteMapsTheOverlappingVmasAndThePoisonedPage() {
        Evaluation e = Evaluator.evaluate(odd(Arch.ARM64, false));
        assertTrue(e.memslotCalls().get(0).ok());
        // slot 0 was deleted again by call 7, so only slot 7 stands; re-run without the deletes.
        assertTrue(e.findings().stream().anyMatch(f -> f.rule().id().equals("s2.slot.novma")));
        Scenario s = odd(Arch.ARM64, false);
        Scenario kept = new Scenario(s.name(), "", s.host(), s.vm(), s.vmas(), s.memslots().subList(0, 7), s.guest());
        Evaluation k = Evaluator.evaluate(kept);
        Stage2Run first = k.stage2().get(0);
        assertEquals(Stage2Run.Outcome.SIGBUS, first.outcome(), "the page at the VMA's start is poisoned");
        assertEquals(0x10000, first.size());
        assertEquals(0x200_0000L, k.stage2().stream().mapToLong(Stage2Run::size).sum());
        assertTrue(k.stage2().stream().anyMatch(r -> "overlap-b".equals(r.vma()) && r.s2() != null && r.s2().perms().equals("R--")));
        assertEquals(AccessOutcome.SIGBUS, k.accesses().get(1).outcome(), "GPA 0 is the poisoned first page of overlap-a");
    }

    @Test
    void oddX86ScenariosGiveFindings() {
        for (Arch arch : new Arch[] {Arch.X86_INTEL, Arch.X86_AMD}) {
            Evaluation e = Evaluator.evaluate(odd(arch));
            assertFalse(e.memslotCalls().get(3).ok());
            assertTrue(e.findings().size() >= 3);
            // An instruction fetch at the top GPA, where no memslot is: the emulator cannot fetch it.
            assertEquals(AccessOutcome.EMULATION_FAILURE, e.accesses().get(0).outcome());
        }
    }
}
