package org.stage2scope.cli;

import java.util.function.BiFunction;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.ReportJson;
import org.stage2scope.report.ReportText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check FILE [--policy ID] [--format text|json]}: evaluates one scenario. */
@Command(name = "check", description = "Evaluate a scenario: memslot calls, stage-2 map, effective types. "
        + "Exit 0 when it was evaluated, whatever KVM would refuse.")
final class CheckCommand extends Verb {
    @Parameters(paramLabel = "FILE", description = "The scenario (JSON), or - for standard input.")
    String file;

    @Option(names = "--policy", paramLabel = "ID", converter = Choices.PolicyConverter.class,
            completionCandidates = Choices.Policies.class,
            description = "Evaluate under this policy instead of the scenario's vm.policy: ${COMPLETION-CANDIDATES}.")
    PolicyId policy;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (stage2scope-report/1).")
    Choices.Format format;

    private final BiFunction<Scenario, PolicyId, Evaluation> evaluator;

    CheckCommand() {
        this(Evaluator::evaluate);
    }

    /** With the evaluator as a seam, so the command can be tested on hand-built evaluations. */
    CheckCommand(BiFunction<Scenario, PolicyId, Evaluation> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    protected int run() throws Exception {
        Scenario scenario = ScenarioReader.read(PathArg.of(file));
        Evaluation ev = evaluator.apply(scenario, policy != null ? policy : scenario.vm().policy());
        stream(o -> {
            if (format == Choices.Format.json) {
                ReportJson.write(ev, o);
            } else {
                ReportText.write(ev, o);
            }
        });
        return Cli.OK;
    }
}
