package org.stage2scope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.stage2scope.model.Arch;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base class of every subcommand: picocli fills the options, {@link Cli} hands in the two streams
 * before {@link #run()} is called (every verb inherits {@code -h/--help} from here), and afterwards checks that everything written to {@link #out}
 * really reached its destination (a full disk is an error, exit 2).
 *
 * <p>Inside {@link #run()}: write results to {@link #out}, notes to {@link #err}; throw
 * {@link #usage(String)} for a bad combination of options (exit 2, with a hint to --help) and
 * {@link Refusal} (or a {@code ScenarioException} / {@code ImportException}) for bad input (exit 2,
 * the located sentence alone). Return 0, or a documented non-zero code of the command's own.
 */
abstract class Verb implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Declared here, so every command has -h/--help (exit 0) without declaring it. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Results; checked for write errors by {@link Cli} after {@link #run()}. */
    PrintStream out;
    /** Notes, reports and error messages. */
    PrintStream err;

    /** The command's work, called once after the options were parsed. */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (StreamedOutput.Failed e) {
            // The output failed while a report was streamed to it: Cli's check of the output says why (exit 2).
            return Cli.BAD_INPUT;
        }
    }

    /** A report that writes itself to an {@link Appendable} as it is produced. */
    interface Report {
        void writeTo(Appendable out) throws IOException;
    }

    /**
     * Streams {@code report} to {@link #out} in chunks as it is produced, stopping at the first
     * failed write; nothing builds the whole text.
     */
    void stream(Report report) throws IOException {
        StreamedOutput o = new StreamedOutput(out);
        report.writeTo(o);
        o.flush();
    }

    /**
     * Refuses every matched option except {@code --arch} and {@code names}: options that mean nothing
     * for the chosen architecture are an error, never silently ignored.
     */
    void allowOnly(Arch arch, String... names) {
        Set<String> allowed = new HashSet<>(List.of(names));
        allowed.add("--arch");
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (!allowed.contains(o.longestName())) {
                throw usage(o.longestName() + " does not apply to --arch " + arch.id()
                        + (names.length == 0 ? ", which takes no other option" : ", which takes " + String.join(", ", names)));
            }
        }
    }

    /** A usage error for this command: one sentence, printed with a hint to --help, exit 2. */
    ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }
}
