package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stage2scope.engine.memslot.MemslotValidator;
import org.stage2scope.engine.memslot.SlotTable;
import org.stage2scope.engine.memtype.MemtypeCombiner;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.engine.stage2.AccessSimulator;
import org.stage2scope.engine.stage2.EffectiveMapper;
import org.stage2scope.engine.stage2.Stage2Mapper;
import org.stage2scope.engine.VmaIndex;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * The whole engine for one scenario: memslot replay, the stage-2 map, effective types, the guest's
 * accesses, and the findings that tie them together. Pure and deterministic.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates under the scenario's own policy ({@code vm.policy}). */
    public static Evaluation evaluate(Scenario scenario) {
        return evaluate(scenario, scenario.vm().policy());
    }

    public static Evaluation evaluate(Scenario scenario, PolicyId policyId) {
        Policy policy = Policy.of(policyId);
        VmaIndex vmas = new VmaIndex(scenario.vmas());
        SlotTable table = MemslotValidator.replay(scenario, policy, vmas);
        Stage2Mapper.Result map = Stage2Mapper.map(scenario.host(), scenario.vm(), policy, vmas, table.active());
        EffectiveMapper.Result eff = EffectiveMapper.effective(scenario.host(), map.runs(), scenario.guest().stage1(),
                MemtypeCombiner.forArch(scenario.host().arch()));
        List<AccessResult> accesses = AccessSimulator.simulate(scenario.host(), scenario.vm(), policy, vmas, table.active(),
                scenario.guest().accesses());

        List<Finding> findings = new ArrayList<>();
        for (MemslotResult r : table.results()) {
            if (!r.ok()) {
                // Written when read: the message repeats the call's explanation, itself built on demand.
                findings.add(new Finding(Severity.ERROR, r.rule(), Lazy.later(() -> r.call().displayName() + " (call " + r.index()
                        + ", GPA " + U64.hex(r.call().gpa()) + " + " + U64.size(r.call().size()) + "): " + r.resultName() + ": "
                        + r.explanation()), new Ref.MemslotCall(r.index())));
            }
        }
        findings.addAll(vmas.findings());
        findings.addAll(map.findings());
        findings.addAll(eff.findings());
        for (AccessResult a : accesses) {
            accessFinding(a, findings);
        }
        // Stable: errors first, then warnings, then notes; within a severity, in the order found.
        findings.sort(Comparator.comparing(Finding::severity));
        return new Evaluation(scenario, policyId, table.results(), map.runs(), eff.runs(), accesses, findings);
    }

    private static void accessFinding(AccessResult a, List<Finding> out) {
        Severity sev = switch (a.outcome()) {
            case EFAULT -> Severity.ERROR;
            case EMULATION_FAILURE -> Severity.ERROR;
            case SIGBUS, ABORT_INJECTED -> Severity.WARNING;
            default -> null;
        };
        if (sev == null) {
            return;
        }
        out.add(new Finding(sev, a.rule(), Lazy.later(() -> "access " + a.index()
                + (a.access().label().isEmpty() ? "" : " \"" + a.access().label() + "\"") + " (" + a.access().kind().id() + " GPA "
                + U64.hex(a.access().gpa()) + "): " + a.outcome().name() + ": " + a.explanation()), new Ref.Access(a.index())));
    }

    /** One evaluation per policy, in PolicyId order. */
    public static List<Evaluation> compareAll(Scenario scenario) {
        List<Evaluation> out = new ArrayList<>();
        for (PolicyId id : PolicyId.values()) {
            out.add(evaluate(scenario, id));
        }
        return List.copyOf(out);
    }
}
