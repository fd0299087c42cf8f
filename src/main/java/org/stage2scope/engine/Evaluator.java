package org.stage2scope.engine;

import java.util.List;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;

/** Scaffold with the pinned signatures; replaced by the real evaluator (issue 3). */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates under the scenario's own policy ({@code vm.policy}). */
    public static Evaluation evaluate(Scenario scenario) {
        return evaluate(scenario, scenario.vm().policy());
    }

    public static Evaluation evaluate(Scenario scenario, PolicyId policy) {
        throw new UnsupportedOperationException("scaffold: evaluator not built yet");
    }

    /** One evaluation per policy, in PolicyId order. */
    public static List<Evaluation> compareAll(Scenario scenario) {
        throw new UnsupportedOperationException("scaffold: evaluator not built yet");
    }
}
