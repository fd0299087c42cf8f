package org.stage2scope.cli;

import java.util.function.Supplier;
import org.stage2scope.host.JnaKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.host.Replay;
import org.stage2scope.host.ReplayJson;
import org.stage2scope.host.ReplayReport;
import org.stage2scope.host.ReplayText;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay FILE [--format text|json]}: the scenario's memslot calls on a scratch VM of the
 * running kernel, each predicted result next to the kernel's errno.
 */
@Command(name = "replay", description = "Issue the scenario's memslot calls on a scratch VM of this kernel "
        + "(/dev/kvm) and compare each result with the prediction. Exit 0 when every call that could be "
        + "reproduced agrees, 3 when one disagrees, 4 when nothing could be replayed here (no /dev/kvm, "
        + "another architecture).")
final class ReplayCommand extends Verb {
    /** Nothing could run on this host: the kselftest code for a skipped test. */
    static final int NOTHING_RAN = ReplayReport.EXIT_SKIPPED;

    @Parameters(paramLabel = "FILE", description = "The scenario (JSON).")
    String file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (stage2scope-replay/1).")
    Choices.Format format;

    private final Supplier<Kernel> kernel;

    ReplayCommand() {
        this(JnaKernel::load);
    }

    /** With the kernel as a seam, so the command can be tested on a kernel double. */
    ReplayCommand(Supplier<Kernel> kernel) {
        this.kernel = kernel;
    }

    @Override
    protected int run() throws Exception {
        Scenario scenario = ScenarioReader.read(PathArg.of(file));
        ReplayReport report = Replay.onThisKernel(kernel, scenario);
        out.print(format == Choices.Format.json ? ReplayJson.render(report) : ReplayText.render(report));
        return report.exitCode();
    }
}
