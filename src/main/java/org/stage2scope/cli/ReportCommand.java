package org.stage2scope.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.IoCause;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.ReportFiles;
import org.stage2scope.report.ReportFormat;
import org.stage2scope.report.ReviewDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report FILE -o review.html|review.md|review.txt|review.json}: one document that says
 * everything the window says about a scenario, for a review (docs/report-format.md).
 */
@Command(name = "report", description = "A review document: HTML (self-contained), Markdown (with a PNG beside it), "
        + "80-column text for a mail, or JSON; the format follows the extension of -o.")
final class ReportCommand extends Verb {
    @Parameters(paramLabel = "FILE", description = "The scenario (JSON).")
    String file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.html|OUT.md|OUT.txt|OUT.json",
            description = "The document to write; the format follows the extension (review.md also writes review.png).")
    String output;

    @Option(names = "--policy", paramLabel = "ID", converter = Choices.PolicyConverter.class,
            completionCandidates = Choices.Policies.class,
            description = "Evaluate under this policy instead of the scenario's vm.policy (also OTHER's, with --against): "
                    + "${COMPLETION-CANDIDATES}.")
    PolicyId policy;

    @Option(names = "--compare", description = "Add the policy comparison (on x86: the quirk, non-coherent DMA and vendor).")
    boolean compare;

    @Option(names = "--against", paramLabel = "OTHER.json",
            description = "Add an A/B section: every range and memslot call whose outcome changed from OTHER (before) to FILE (after).")
    String against;

    @Override
    protected int run() throws Exception {
        Path target = PathArg.of(output);
        if (ReportFormat.of(target) == null) {
            throw new Refusal(ReportFormat.unknown(Path.of(output)));
        }
        Scenario scenario = ScenarioReader.read(PathArg.of(file));
        Evaluation ev = Evaluator.evaluate(scenario, policy != null ? policy : scenario.vm().policy());
        Evaluation before = null;
        String beforeName = null;
        if (against != null) {
            Path other = PathArg.of(against);
            Scenario old = ScenarioReader.read(other);
            before = Evaluator.evaluate(old, policy != null ? policy : old.vm().policy());
            beforeName = other.getFileName() == null ? against : other.getFileName().toString();
        }
        ReviewDocument doc = new ReviewDocument(ev, compare ? Comparison.of(scenario) : null, before, beforeName);
        try {
            for (Path written : ReportFiles.write(target, doc)) {
                out.println(written.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new Refusal(output + ": cannot write: " + IoCause.describe(e));
        }
        return Cli.OK;
    }
}
