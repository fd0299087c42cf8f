package org.stage2scope.engine;

import java.util.List;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;

/** Everything the engine concluded about one scenario under one policy. Immutable. */
public record Evaluation(Scenario scenario, PolicyId policy, List<MemslotResult> memslotCalls, List<Stage2Run> stage2,
                         List<EffectiveRun> effective, List<AccessResult> accesses, List<Finding> findings) {
    public Evaluation {
        memslotCalls = List.copyOf(memslotCalls);
        stage2 = List.copyOf(stage2);
        effective = List.copyOf(effective);
        accesses = List.copyOf(accesses);
        findings = List.copyOf(findings);
    }

    /** The findings grouped by severity, errors first; severities with no finding are left out. */
    public java.util.Map<Severity, List<Finding>> findingsBySeverity() {
        java.util.Map<Severity, List<Finding>> out = new java.util.EnumMap<>(Severity.class);
        for (Finding f : findings()) {
            out.computeIfAbsent(f.severity(), k -> new java.util.ArrayList<>()).add(f);
        }
        return out;
    }
}
