package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;

/** The facts block says "policy" only where a policy is a choice: the proposals are arm64 stage-2 rules. */
class ScenarioFactsTest {

    private static String policyLine(String sample) throws Exception {
        return ReportText.render(Evaluator.evaluate(SampleCatalog.load(sample))).lines()
                .filter(l -> l.strip().startsWith("policy")).findFirst().orElseThrow();
    }

    @Test
    void anX86ReportSaysThePolicyHasNoEffectInsteadOfNamingUpstream() throws Exception {
        for (String sample : new String[] {"x86-intel-quirk.json", "x86-amd-guest-uc.json"}) {
            String line = policyLine(sample);
            assertTrue(line.contains("the policy has no effect"), line);
            assertFalse(line.contains("upstream") || line.contains("KVM_CAP_ARM"), line);
        }
    }

    @Test
    void anArm64ReportNamesItsPolicy() throws Exception {
        assertTrue(policyLine(SampleCatalog.DEFAULT).contains("upstream: Linux 6.17+"), policyLine(SampleCatalog.DEFAULT));
    }
}
