package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.memslot.MemslotValidator;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;

/**
 * Each sample exists to show one kernel decision; if an edit (or an engine change) makes a memslot
 * call fail for another reason, the sample stops teaching its point. Pinned as rule ids (or "ok").
 */
class SamplesShowTheirPointTest {

    private static List<String> outcomes(String file, PolicyId policy) throws ScenarioException {
        Scenario s = SampleCatalog.load(file);
        return MemslotValidator.replay(s, Policy.of(policy)).results().stream()
                .map(r -> r.ok() ? "ok" : r.resultName() + " " + r.rule().id()).toList();
    }

    @Test
    void memslotCallsUnderTheSamplesOwnPolicy() throws Exception {
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("grace-hopper-fwb.json", List.of("ok", "ok", "ok", "ok")),
                Map.entry("grace-hopper-no-fwb.json", List.of("ok", "ok", "EINVAL arm64.prepare.pfnmap.policy", "ok")),
                Map.entry("nvgrace-uncached-region.json", List.of("ok", "ok")),
                Map.entry("vfio-bar-allow-uncached-exec.json", List.of("ok", "ok")),
                Map.entry("vfio-bar-device.json", List.of("ok", "ok")),
                Map.entry("mte-vm-pfnmap.json", List.of("ok", "EINVAL arm64.prepare.mte")),
                Map.entry("dirty-logging.json", List.of("ok", "EINVAL arm64.prepare.pfnmap.dirty-log")),
                Map.entry("thp-ram-aligned-vs-misaligned.json", List.of("ok", "ok")),
                Map.entry("hugetlb-1g-ram.json", List.of("ok", "ok")),
                Map.entry("memslot-overlap-misaligned.json", List.of("ok", "EEXIST memslot.overlap",
                        "EINVAL memslot.gpa.unaligned", "EINVAL memslot.size.unaligned", "EINVAL memslot.hva.unaligned",
                        "EINVAL memslot.gpa.wrap", "EINVAL memslot.delete.missing", "ok", "ok",
                        "EINVAL memslot.modify.immutable", "EFAULT arm64.prepare.ipa-size", "EINVAL memslot.hva.not-user", "ok")),
                Map.entry("x86-intel-quirk.json", List.of("ok", "ok", "ok")),
                Map.entry("x86-intel-no-quirk.json", List.of("ok", "ok", "ok")),
                Map.entry("x86-intel-noncoherent-dma.json", List.of("ok", "ok", "ok")),
                Map.entry("x86-amd-guest-uc.json", List.of("ok", "ok", "ok")));
        assertEquals(expected.keySet(), SampleCatalog.list().stream().map(Sample::fileName).collect(java.util.stream.Collectors.toSet()));
        for (Sample s : SampleCatalog.list()) {
            Scenario sc = SampleCatalog.load(s.fileName());
            assertEquals(expected.get(s.fileName()), outcomes(s.fileName(), sc.vm().policy()), s.fileName());
        }
    }

    @Test
    void memslotOverlapSampleMovesAndFlagsTheSameSlot() throws Exception {
        Scenario s = SampleCatalog.load("memslot-overlap-misaligned.json");
        List<MemslotResult> r = MemslotValidator.replay(s, Policy.of(PolicyId.UPSTREAM)).results();
        assertEquals("MOVE", r.get(7).change().name());
        assertEquals("FLAGS_ONLY", r.get(8).change().name());
    }

    @Test
    void defaultSampleIsWhereTheProposalsDisagree() throws Exception {
        // The memslot flag proposals refuse the flagless cacheable GPU slot that upstream accepts.
        assertEquals("EINVAL", outcomes(SampleCatalog.DEFAULT, PolicyId.V6_ENABLE_FLAG).get(2).split(" ")[0]);
        assertEquals("EINVAL", outcomes(SampleCatalog.DEFAULT, PolicyId.FORCE_FLAG_STRICT).get(2).split(" ")[0]);
        assertEquals("ok", outcomes(SampleCatalog.DEFAULT, PolicyId.PRE_6_17).get(2));
    }
}
