package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.CompareReport;
import org.stage2scope.model.Scenario;

/**
 * {@code compare FILE [--format text|json]}: the scenario under every policy side by side (on x86,
 * under what varies there: see {@link Comparison}). Exit codes as {@link CheckCommand}.
 */
final class CompareCommand {
    static final String USAGE = "usage: stage2scope compare FILE [--format text|json]";

    private CompareCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Evaluator::compareAll);
    }

    /** With the evaluator as a seam, so the command can be tested on hand-built evaluations. */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<Scenario, List<Evaluation>> compareAll) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        CheckCommand.Options o = CheckCommand.Options.parse(args, Set.of("--format"), USAGE, err);
        if (o == null) {
            return 1;
        }
        String format = o.value("--format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            return o.usageError("unknown format \"" + format + "\"; expected text or json");
        }
        Scenario scenario = o.load();
        if (scenario == null) {
            return 2;
        }
        Comparison c = Comparison.of(scenario, compareAll);
        out.print(format.equals("json") ? CompareReport.json(c) : CompareReport.text(c));
        out.flush();
        return 0;
    }
}
