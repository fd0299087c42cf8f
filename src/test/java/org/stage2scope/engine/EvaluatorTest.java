package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;

class EvaluatorTest {
    static final long G = 1L << 30;

    private static Stage2Run runAt(Evaluation e, long gpa) {
        return e.stage2().stream().filter(r -> r.gpa() == gpa).findFirst().orElse(null);
    }

    @Test
    void graceHopperOnAnFwbDicHostMapsTheGpuCacheableIn1GBlocks() {
        Evaluation e = Evaluator.evaluate(Scenarios.graceHopper(Set.of(CpuFeature.FWB, CpuFeature.DIC)));
        assertEquals(PolicyId.UPSTREAM, e.policy());
        assertTrue(e.memslotCalls().stream().allMatch(MemslotResult::ok));
        Stage2Run gpu = runAt(e, 0x40_0000_0000L);
        assertEquals(64 * G, gpu.size());
        assertEquals(G, gpu.s2().blockSize());
        assertEquals("Normal-WB", gpu.s2().type());
        Stage2Run bar = runAt(e, 0x10_0000_0000L);
        assertEquals("Normal-NC", bar.s2().type());
        Stage2Run ram = runAt(e, 0x4000_0000L);
        assertEquals(2L << 20, ram.s2().blockSize());
        assertEquals(3, e.stage2().size());

        // The guest maps the BAR Normal-WB, stage 2 forces Normal-NC: a silent downgrade.
        assertTrue(e.findings().stream().anyMatch(f -> f.rule().id().equals("mem.silent-downgrade")
                && f.ref() instanceof Ref.GpaRange g && g.gpa() == 0x10_0000_0000L));
        EffectiveRun gpuEff = e.effective().stream().filter(r -> r.gpa() == 0x40_0000_0000L).findFirst().orElseThrow();
        assertEquals(MemClass.WRITE_BACK, gpuEff.memClass());
        assertFalse(gpuEff.stage1Assumed());

        assertEquals(List.of(AccessOutcome.MAPPED, AccessOutcome.ABORT_INJECTED, AccessOutcome.MAPPED, AccessOutcome.MMIO_EXIT),
                e.accesses().stream().map(AccessResult::outcome).toList());
    }

    @Test
    void compareAllGivesOneEvaluationPerPolicyInOrder() {
        // No DIC: S is false. The GPU VMA is cacheable, so the policies split.
        List<Evaluation> all = Evaluator.compareAll(Scenarios.graceHopper(Set.of(CpuFeature.FWB)));
        assertEquals(List.of(PolicyId.values()), all.stream().map(Evaluation::policy).toList());
        Evaluation pre = all.get(0);
        assertEquals("Device-nGnRE", runAt(pre, 0x40_0000_0000L).s2().type());
        assertTrue(pre.findings().stream().anyMatch(f -> f.rule().id().equals("mem.silent-downgrade")
                && f.message().contains("Device-nGnRE")));
        Evaluation up = all.get(1);
        assertFalse(up.memslotCalls().get(1).ok());
        assertNull(runAt(up, 0x40_0000_0000L), "a refused slot has no stage-2 runs");
        assertTrue(up.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR && f.ref().equals(new Ref.MemslotCall(1))));
        assertEquals(Severity.ERROR, up.findings().get(0).severity(), "errors sort first");
    }

    @Test
    void intelQuirkIgnoresGuestPatAndSaysSo() {
        Evaluation e = Evaluator.evaluate(Scenarios.x86(Arch.X86_INTEL, Set.of(X86Quirk.IGNORE_GUEST_PAT), true,
                new Stage1Attr.Pat(X86MemType.UC)));
        assertEquals(Boolean.TRUE, e.stage2().get(0).s2().ipat());
        assertEquals("WB", e.effective().get(0).result());
        assertTrue(e.findings().stream().anyMatch(f -> f.rule().id().equals("mem.x86.pat-ignored")));
        Evaluation honoured = Evaluator.evaluate(Scenarios.x86(Arch.X86_INTEL, Set.of(), true, new Stage1Attr.Pat(X86MemType.UC)));
        assertEquals(Boolean.FALSE, honoured.stage2().get(0).s2().ipat());
        assertEquals("UC", honoured.effective().get(0).result());
    }

    @Test
    void amdCannotForceWriteBack() {
        Evaluation e = Evaluator.evaluate(Scenarios.x86(Arch.X86_AMD, Set.of(X86Quirk.IGNORE_GUEST_PAT), true,
                new Stage1Attr.Pat(X86MemType.WC)));
        assertNull(e.stage2().get(0).s2().ipat());
        assertTrue(e.findings().stream().anyMatch(f -> f.rule().id().equals("mem.amd.no-force-wb")));
    }

    @Test
    void evaluationIsDeterministic() {
        var s = Scenarios.stress(300);
        assertEquals(Evaluator.evaluate(s), Evaluator.evaluate(s));
    }

    @Test
    void theStressScenarioMapsEverySlot() {
        Evaluation e = Evaluator.evaluate(Scenarios.stress(2000));
        assertTrue(e.memslotCalls().stream().allMatch(MemslotResult::ok));
        long mapped = e.stage2().stream().filter(r -> r.outcome() == Stage2Run.Outcome.MAPPED).mapToLong(Stage2Run::size).sum();
        assertEquals(2000L * (2L << 20), mapped);
    }
}
