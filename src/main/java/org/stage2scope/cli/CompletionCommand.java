package org.stage2scope.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code completion}: prints a bash (and zsh, via bashcompinit) completion script generated from the
 * same command tree, so it never falls behind the options: {@code source <(stage2scope completion)}.
 */
@Command(name = "completion", description = "Print a bash completion script: source <(stage2scope completion)")
final class CompletionCommand extends Verb {
    @Override
    protected int run() {
        out.print(AutoComplete.bash("stage2scope", spec.root().commandLine()));
        return Cli.OK;
    }
}
