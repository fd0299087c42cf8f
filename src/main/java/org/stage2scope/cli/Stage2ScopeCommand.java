package org.stage2scope.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.stage2scope.io.ScenarioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stage2scope}: the top-level command, and THE list of subcommands (add new verbs to
 * {@code subcommands} below; see {@link Cli} for the pattern). With one {@code FILE.json} argument
 * it opens that scenario in the window, after checking here that it loads.
 */
@Command(name = "stage2scope",
        versionProvider = VersionProvider.class,
        customSynopsis = {"stage2scope [FILE.json]", "              stage2scope COMMAND [OPTIONS]   (stage2scope COMMAND --help shows its options)"},
        description = "Visualize and simulate a KVM guest's physical address space: memslots, stage-2 mappings, "
                + "effective memory types. With no arguments, opens the desktop app on the default scenario; "
                + "with FILE.json, opens that scenario.",
        subcommands = {
            CheckCommand.class,
            CompareCommand.class,
            RenderCommand.class,
            ReportCommand.class,
            TableCommand.class,
            MemtypeCommand.class,
            ImportCommand.class,
            ProbeCommand.class,
            ReplayCommand.class,
            CompletionCommand.class,
            HelpCommand.class,
        },
        footer = {"", "Exit codes: 0 done; 2 bad input, usage error or unwritable output (one sentence on stderr); "
                + "3 replay: the kernel disagrees with the model; 4 replay: nothing could be replayed here; 1 a bug in Stage2Scope.",
                "Policies: pre-6.17, upstream, v6-enable-flag, force-flag, force-flag-strict.",
                "Bash completion: source <(stage2scope completion)"})
final class Stage2ScopeCommand extends Verb {
    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Parameters(arity = "0..1", paramLabel = "FILE.json", description = "A scenario to open in the window.")
    String file;

    private final Consumer<Path> openWindow;

    Stage2ScopeCommand(Consumer<Path> openWindow) {
        this.openWindow = openWindow;
    }

    @Override
    protected int run() throws Exception {
        if (file == null) {
            spec.commandLine().usage(out);
            return Cli.OK;
        }
        if (!file.endsWith(".json")) {
            throw usage("unknown command \"" + file + "\"; expected one of " + String.join(", ", spec.subcommands().keySet())
                    + ", or a scenario FILE.json to open in the window");
        }
        Path path = PathArg.of(file);
        ScenarioReader.read(path); // a located message and exit 2 now, rather than an error dialog later
        openWindow.accept(path);
        return Cli.OK;
    }
}
