package org.stage2scope.cli;

import java.util.List;
import java.util.function.Function;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.CompareReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compare FILE [--format text|json]}: the scenario under every policy side by side (on x86,
 * under what varies there: see {@link Comparison}).
 */
@Command(name = "compare", description = "The five cacheable-PFNMAP policies side by side, marking where they disagree.")
final class CompareCommand extends Verb {
    @Parameters(paramLabel = "FILE", description = "The scenario (JSON), or - for standard input.")
    String file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (stage2scope-compare/2).")
    Choices.Format format;

    private final Function<Scenario, List<Evaluation>> compareAll;

    CompareCommand() {
        this(Evaluator::compareAll);
    }

    /** With the evaluator as a seam, so the command can be tested on hand-built evaluations. */
    CompareCommand(Function<Scenario, List<Evaluation>> compareAll) {
        this.compareAll = compareAll;
    }

    @Override
    protected int run() throws Exception {
        Scenario scenario = ScenarioReader.read(PathArg.of(file));
        Comparison c = Comparison.of(scenario, compareAll);
        stream(o -> {
            if (format == Choices.Format.json) {
                CompareReport.json(c, o);
            } else {
                CompareReport.text(c, o);
            }
        });
        return Cli.OK;
    }
}
