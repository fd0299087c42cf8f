package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.KvmCaps;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86MemType;
import org.stage2scope.render.Fixtures;

/** Where the window's Add and Remove put things, judged by the real engine. */
class ScenarioEditsTest {

    @Test
    void aBlankScenarioIsOneAcceptedRamSlotMappedWriteBack() {
        Evaluation ev = Evaluator.evaluate(ScenarioEdits.blank());
        assertTrue(ev.memslotCalls().get(0).ok());
        assertEquals(1, ev.stage2().size());
        assertEquals("Normal-WB", ev.effective().get(0).name());
    }

    @Test
    void aNewVmaGoesAboveEveryVmaOnAGigabyteBoundaryWithTheArchsDefaultType() {
        Scenario s = Fixtures.graceHopperLike();
        long highest = s.vmas().stream().mapToLong(Vma::end).max().orElseThrow();
        Scenario after = ScenarioEdits.addVma(s);
        Vma v = after.vmas().get(s.vmas().size());
        assertTrue(U64.lt(highest, v.start()), "above " + U64.hex(highest) + ": " + U64.hex(v.start()));
        assertTrue(U64.isAligned(v.start(), 1L << 30));
        assertEquals(MemType.MT_NORMAL, v.memType());
        Scenario x86 = ScenarioEdits.addVma(ArchSwitch.convert(s, Arch.X86_INTEL));
        assertEquals(MemType.WB, x86.vmas().get(x86.vmas().size() - 1).memType());
    }

    @Test
    void aNewMemslotTakesTheNextSlotIdAndMapsTheChosenVmaAboveEveryRequestedGpaRange() {
        Scenario s = Fixtures.graceHopperLike();
        Scenario after = ScenarioEdits.addMemslot(ScenarioEdits.addVma(s), -1);
        MemslotCall c = after.memslots().get(after.memslots().size() - 1);
        int maxSlot = s.memslots().stream().mapToInt(MemslotCall::slot).max().orElseThrow();
        assertEquals(maxSlot + 1, c.slot());
        Vma last = after.vmas().get(after.vmas().size() - 1);
        assertEquals(last.start(), c.hva());
        assertEquals(last.size(), c.size());
        for (MemslotCall other : s.memslots()) {
            assertTrue(U64.le(other.gpa() + other.size(), c.gpa()), "no overlap with " + other.displayName());
        }
        Evaluation ev = Evaluator.evaluate(after);
        assertTrue(ev.memslotCalls().get(after.memslots().size() - 1).ok(), "KVM accepts it");
        MemslotCall forFirst = ScenarioEdits.addMemslot(s, 0).memslots().get(s.memslots().size());
        assertEquals(s.vmas().get(0).start(), forFirst.hva());
    }

    @Test
    void aNewAccessReadsAtTheGivenGpaOrTheFirstSlot() {
        Scenario s = Fixtures.graceHopperLike();
        GuestAccess a = ScenarioEdits.addAccess(s, null).guest().accesses().get(s.guest().accesses().size());
        assertEquals(s.memslots().get(0).gpa(), a.gpa());
        assertEquals(GuestAccess.Kind.READ, a.kind());
        assertEquals(0x1234000L, ScenarioEdits.addAccess(s, 0x1234000L).guest().accesses().get(s.guest().accesses().size()).gpa());
    }

    @Test
    void aNewStage1RangeIsAppendedWithWhatTheGuestGetsByDefault() {
        Scenario s = Fixtures.graceHopperLike();
        Scenario after = ScenarioEdits.addStage1(s, 0x40000000L, 1L << 21);
        assertEquals(new Stage1Attr.Mair(0xff), after.guest().stage1().get(after.guest().stage1().size() - 1).attr());
        Scenario x86 = ScenarioEdits.addStage1(ArchSwitch.convert(s, Arch.X86_AMD), 0, 0x1000);
        assertEquals(new Stage1Attr.Pat(X86MemType.WB), x86.guest().stage1().get(x86.guest().stage1().size() - 1).attr());
        assertEquals(s.guest().stage1(), ScenarioEdits.removeStage1(after, after.guest().stage1().size() - 1).guest().stage1());
    }

    @Test
    void removeTakesOutExactlyTheOneItem() {
        Scenario s = Fixtures.graceHopperLike();
        Scenario noVma = ScenarioEdits.removeVma(s, 1);
        assertEquals(s.vmas().size() - 1, noVma.vmas().size());
        assertFalse(noVma.vmas().contains(s.vmas().get(1)));
        assertEquals(List.copyOf(s.memslots().subList(1, s.memslots().size())), ScenarioEdits.removeCall(s, 0).memslots());
    }

    /**
     * A probed host whose KVM allows only two user slots: slots 2 and 3 of the Grace Hopper sample are refused.
     * Toggling FWB, changing the page size or comparing must keep that limit (they used to rebuild the host
     * with the upstream defaults, 32,767 slots, so the refusals silently vanished).
     */
    @Test
    void editsOfTheHostKeepWhatItsKvmReported() {
        Scenario s = Fixtures.graceHopperLike();
        KvmCaps two = new KvmCaps("6.18.0-probed", 2, 1, true, true);
        Scenario probed = s.withHost(s.host().withKvm(two));
        assertEquals(List.of(true, true, false, false), accepted(Evaluator.evaluate(probed)), "the limit bites before any edit");

        Scenario noFwb = ScenarioEdits.withFeature(probed, CpuFeature.FWB, false);
        assertEquals(two, noFwb.host().kvm());
        assertEquals(true, accepted(Evaluator.evaluate(ScenarioEdits.withFeature(s, CpuFeature.FWB, false))).get(2),
                "with the upstream limit slot 2 (bar0) is accepted without FWB");
        assertEquals(false, accepted(Evaluator.evaluate(noFwb)).get(2), "FWB off keeps the probed two-slot limit");

        Scenario pages = probed.withHost(probed.host().withPageSize(Granule.G64K));
        assertEquals(two, pages.host().kvm());
        assertEquals(Granule.G64K, pages.host().pageSize());

        for (Comparison.Column c : Comparison.of(probed).columns()) {
            assertEquals(two, c.evaluation().scenario().host().kvm(), c.id());
            assertFalse(c.evaluation().memslotCalls().get(2).ok(), c.id() + ": slot 2 is over the probed limit");
        }
        assertEquals(KvmCaps.defaults(Arch.X86_AMD), probed.host().withArch(Arch.X86_AMD, java.util.Set.of()).kvm(),
                "across families the probed arm64 limits do not apply");
        KvmCaps x86 = new KvmCaps("6.18.0-probed", 100, 1, true, false);
        Host intel = new Host(Arch.X86_INTEL, Granule.G4K, 47, java.util.Set.of(), x86);
        assertEquals(x86, intel.withArch(Arch.X86_AMD, java.util.Set.of()).kvm(), "Intel and AMD share x86's memslot code");
    }

    private static List<Boolean> accepted(Evaluation ev) {
        return ev.memslotCalls().stream().map(MemslotResult::ok).toList();
    }
}
