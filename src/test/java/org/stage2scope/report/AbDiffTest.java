package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.PolicyId;

class AbDiffTest {

    private static Evaluation ev(String file) throws Exception {
        return Evaluator.evaluate(SampleCatalog.load(file));
    }

    /** "Here is what FWB buys you": no cache maintenance on RAM, and the GPU memory slot accepted and mapped write-back. */
    @Test
    void fwbAgainstNoFwbListsEveryRangeWhoseOutcomeChanged() throws Exception {
        List<AbDiff.RangeChange> changes = AbDiff.ranges(ev("grace-hopper-no-fwb.json"), ev("grace-hopper-fwb.json"));
        assertEquals(List.of(
                List.of("0x0", "0x4000000", "64M", "pflash0 (QEMU_EFI.fd)", "mapped", "Normal-WB", "0b1111 -> 0b0110", "4K",
                        "D-cache clean+inval to PoC -> none", "Normal-WB"),
                List.of("0x40000000", "0x440000000", "16G", "guest RAM (memfd:mem0)", "mapped", "Normal-WB", "0b1111 -> 0b0110", "2M",
                        "D-cache clean+inval to PoC -> none", "Normal-WB"),
                List.of("0x8000000000", "0x97c0000000", "95G", "nvgrace-gpu usemem (/dev/vfio/devices/vfio0, BAR4)",
                        "refused EINVAL -> mapped", "- -> Normal-WB", "- -> 0b0110", "- -> 1G", "- -> none", "- -> Normal-WB")),
                AbDiff.rangeCells(changes));
        List<AbDiff.CallChange> calls = AbDiff.calls(ev("grace-hopper-no-fwb.json"), ev("grace-hopper-fwb.json"));
        assertEquals(List.of(List.of("2", "2", "0x8000000000", "95G", "GPU usemem", "EINVAL -> ok", "ok.create")), AbDiff.callCells(calls));
    }

    @Test
    void theSameEvaluationOnBothSidesChangesNothing() throws Exception {
        Evaluation e = ev("memslot-overlap-misaligned.json");
        assertEquals(List.of(), AbDiff.ranges(e, e));
        assertEquals(List.of(), AbDiff.calls(e, e));
    }

    @Test
    void aPolicySwitchShowsTheUsememSlotTurningDevice() throws Exception {
        Evaluation up = ev("grace-hopper-fwb.json");
        Evaluation pre = Evaluator.evaluate(SampleCatalog.load("grace-hopper-fwb.json"), PolicyId.PRE_6_17);
        List<List<String>> cells = AbDiff.rangeCells(AbDiff.ranges(up, pre));
        assertEquals(1, cells.size(), cells.toString());
        assertEquals("0x8000000000", cells.get(0).get(0));
        assertEquals("Normal-WB -> Device-nGnRE", cells.get(0).get(5));
    }
}
