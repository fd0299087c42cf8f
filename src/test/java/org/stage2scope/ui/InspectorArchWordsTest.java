package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;

/** The scenario's rows in the inspector follow the arch, and the name and description are editable. */
class InspectorArchWordsTest {

    private static InspectorModel.Prop row(List<InspectorModel.Prop> rows, String name) {
        return rows.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void onX86ThePolicyIsReadOnlyWithItsReasonAndAmdHasNoIntelQuirk() throws Exception {
        List<InspectorModel.Prop> intel = InspectorModel.scenario(SampleCatalog.load("x86-intel-quirk.json"));
        assertFalse(row(intel, "policy").editable());
        assertTrue(row(intel, "policy").description().startsWith("x86: every proposal reduces to what x86 does"));
        assertTrue(row(intel, "IGNORE_GUEST_PAT").editable());
        List<InspectorModel.Prop> amd = InspectorModel.scenario(SampleCatalog.load("x86-amd-guest-uc.json"));
        assertEquals(null, row(amd, "IGNORE_GUEST_PAT"), "the quirk is Intel-only");
        assertTrue(row(InspectorModel.scenario(SampleCatalog.load(SampleCatalog.DEFAULT)), "policy").editable());
    }

    @Test
    void nameAndDescriptionAreEdits() throws Exception {
        Scenario s = SampleCatalog.load(SampleCatalog.DEFAULT);
        List<InspectorModel.Prop> rows = InspectorModel.scenario(s);
        assertEquals("QEMU virt, 16 GiB", row(rows, "name").edit().apply("  QEMU virt, 16 GiB ").apply(s).name());
        assertEquals("why", row(rows, "description").edit().apply("why").apply(s).description());
    }

    @Test
    void theExplanationNamesAPolicyOnlyWhereThereIsAChoice() throws Exception {
        String intel = InspectorModel.explain(Evaluator.evaluate(SampleCatalog.load("x86-intel-quirk.json")), null);
        assertFalse(intel.contains("policy upstream"), intel);
        assertFalse(intel.contains("KVM_CAP_ARM"), intel);
        assertTrue(intel.contains("the policy has no effect"), intel);
        String arm = InspectorModel.explain(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT)), null);
        assertTrue(arm.contains("policy upstream: Linux 6.17+"), arm);
    }
}
