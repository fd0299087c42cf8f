package org.stage2scope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemType;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vma;

/** The change words come from real evaluations of the default sample, edited the way the toolbar edits. */
class EvaluationDiffTest {
    private static List<String> texts(List<Change> cs) {
        return cs.stream().map(Change::text).toList();
    }

    @Test
    void fwbOffRefusesUsememAndNamesEveryLaneOldToNew() throws Exception {
        Scenario s = SampleCatalog.load("grace-hopper-fwb.json");
        List<Change> cs = EvaluationDiff.of(Evaluator.evaluate(s),
                Evaluator.evaluate(ScenarioEdits.withFeature(s, CpuFeature.FWB, false)));
        List<String> t = texts(cs);
        assertTrue(t.contains("GPU usemem memslot ok -> EINVAL"), t.toString());
        assertTrue(t.contains("GPU usemem stage-2 Normal-WB RWX MemAttr 0b0110 1G blocks -> unmapped"), t.toString());
        assertTrue(t.contains("GPU usemem effective Normal-WB -> unmapped"), t.toString());
        assertTrue(t.contains("mach-virt.ram stage-2 MemAttr 0b0110 -> MemAttr 0b1111"),
                "without FWB RAM's MemAttr is written the non-FWB way: " + t);
        assertTrue(t.contains("code fetch from GPU memory: exec ok -> exec abort-injected"), t.toString());
        assertEquals(Set.of(Change.Lane.MEMSLOT, Change.Lane.STAGE2, Change.Lane.EFFECTIVE, Change.Lane.ACCESS),
                cs.stream().map(Change::lane).collect(Collectors.toSet()), "the VMAs did not change");
        assertEquals(4, EvaluationDiff.lanes(cs));
        Change usemem = cs.stream().filter(c -> c.lane() == Change.Lane.STAGE2 && c.subject().equals("GPU usemem"))
                .findFirst().orElseThrow();
        assertEquals(new Ref.GpaRange(0x8000000000L, 95L << 30), usemem.ref(), "the outline covers the usemem slot");
    }

    @Test
    void fwbBackOnReadsTheOtherWay() throws Exception {
        Scenario s = SampleCatalog.load("grace-hopper-fwb.json");
        List<String> t = texts(EvaluationDiff.of(Evaluator.evaluate(ScenarioEdits.withFeature(s, CpuFeature.FWB, false)),
                Evaluator.evaluate(s)));
        assertTrue(t.contains("code fetch from GPU memory: exec abort-injected -> exec ok"), t.toString());
        assertTrue(t.contains("GPU usemem effective unmapped -> Normal-WB"), t.toString());
    }

    @Test
    void resmemPgprotToNormalChangesTheVmaLaneAndWhatStage2Maps() throws Exception {
        Scenario s = SampleCatalog.load("grace-hopper-fwb.json");
        Vma resmem = s.vmas().get(3);
        Vma normal = new Vma(resmem.name(), resmem.start(), resmem.size(), resmem.perms(), resmem.flags(),
                MemType.MT_NORMAL, resmem.backing());
        List<Change> cs = EvaluationDiff.of(Evaluator.evaluate(s), Evaluator.evaluate(ScenarioEdits.replaceVma(s, 3, normal)));
        Change vma = cs.stream().filter(c -> c.lane() == Change.Lane.VMA).findFirst().orElseThrow();
        assertEquals(new Ref.Vma(3), vma.ref());
        assertEquals(resmem.name() + " VMA MT_NORMAL_NC -> MT_NORMAL", vma.text());
        assertTrue(cs.stream().anyMatch(c -> c.lane() == Change.Lane.STAGE2 && c.subject().equals("GPU resmem")
                && c.before().contains("Normal-NC") && c.after().contains("Normal-WB")), texts(cs).toString());
    }

    @Test
    void aReadOnlySlotChangesTheStage2PermissionsNotOnlyTheAccess() throws Exception {
        // A trial ticked KVM_MEM_READONLY on the usemem slot: check said RWX -> R-X at stage 2, but the
        // status line named only the write access and no band was outlined.
        Scenario s = SampleCatalog.load("grace-hopper-fwb.json");
        int i = 0;
        while (!"GPU usemem".equals(s.memslots().get(i).label())) {
            i++;
        }
        org.stage2scope.model.MemslotCall c = s.memslots().get(i);
        java.util.Set<org.stage2scope.model.MemslotFlag> flags = new java.util.HashSet<>(c.flags());
        flags.add(org.stage2scope.model.MemslotFlag.KVM_MEM_READONLY);
        org.stage2scope.model.MemslotCall ro = new org.stage2scope.model.MemslotCall(c.slot(), c.addressSpace(), c.gpa(), c.size(),
                c.hva(), flags, c.guestMemfdOffset(), c.label());
        List<Change> cs = EvaluationDiff.of(Evaluator.evaluate(s), Evaluator.evaluate(ScenarioEdits.replaceCall(s, i, ro)));
        Change s2 = cs.stream().filter(x -> x.lane() == Change.Lane.STAGE2).findFirst().orElseThrow(() ->
                new AssertionError("no stage-2 change in " + texts(cs)));
        assertEquals(new Ref.GpaRange(0x8000000000L, 95L << 30), s2.ref());
        assertTrue(s2.before().contains("W") && !s2.after().contains("W"), s2.text());
    }

    @Test
    void anEditThatDecidesNothingHasNoChange() throws Exception {
        Scenario s = SampleCatalog.load("grace-hopper-fwb.json");
        // Evaluated twice from the same scenario: equal conclusions must give no change at all.
        assertEquals(List.of(), EvaluationDiff.of(Evaluator.evaluate(s), Evaluator.evaluate(s)));
    }
}
