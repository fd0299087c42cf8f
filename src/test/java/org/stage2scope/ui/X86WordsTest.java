package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.render.Picture;

/**
 * On x86 the caption, the legend and the explanation pane (for nothing selected and for every VMA,
 * memslot call, access and stage-2 range) use x86 words: no "policy upstream", no arm64 fault path or
 * memory-type names, the legend in WB / WC / UC.
 */
class X86WordsTest {
    private static final List<String> ARM64_WORDS = List.of("policy upstream", "user_mem_abort", "KVM_CAP_ARM",
            "Normal write-back", "Normal-WB", "MT_NORMAL", "Device-nGnRE", "MAIR");

    private static List<String> explanations(Evaluation ev) {
        List<Ref> refs = new ArrayList<>(List.of(Ref.NONE));
        for (int i = 0; i < ev.scenario().vmas().size(); i++) {
            refs.add(new Ref.Vma(i));
        }
        for (int i = 0; i < ev.scenario().memslots().size(); i++) {
            refs.add(new Ref.MemslotCall(i));
        }
        for (int i = 0; i < ev.scenario().guest().accesses().size(); i++) {
            refs.add(new Ref.Access(i));
        }
        for (Stage2Run r : ev.stage2()) {
            refs.add(new Ref.GpaRange(r.gpa(), r.size()));
        }
        List<String> out = new ArrayList<>();
        for (Ref r : refs) {
            out.add(r + ": " + InspectorModel.explain(ev, r));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86-intel-quirk.json", "x86-intel-no-quirk.json", "x86-intel-noncoherent-dma.json",
            "x86-amd-guest-uc.json"})
    void captionLegendAndExplanationsSpeakX86(String sample) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(sample));
        List<String> picture = Picture.of(ev).texts();
        List<String> texts = new ArrayList<>(picture);
        texts.addAll(explanations(ev));
        for (String t : texts) {
            for (String arm : ARM64_WORDS) {
                assertFalse(t.contains(arm), sample + " says '" + arm + "' in: " + t);
            }
        }
        assertTrue(picture.contains("WB (write-back)"), picture.toString());
        assertTrue(picture.stream().anyMatch(t -> t.startsWith("UC / UC-")), picture.toString());
        assertTrue(explanations(ev).stream().anyMatch(t -> t.contains("Decision trace")), "the accesses explain their trace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86-intel-quirk.json", "x86-amd-guest-uc.json"})
    void theAccessTraceHeaderNamesNoArm64Function(String sample) throws Exception {
        Evaluation ev = Evaluator.evaluate(SampleCatalog.load(sample));
        String access = InspectorModel.explain(ev, new Ref.Access(0));
        assertTrue(access.contains("Decision trace, in the order the kernel handles the fault:\n1. kvm_tdp_page_fault"),
                access);
    }
}
