package org.stage2scope.cli;

import java.io.PrintStream;
import java.util.List;

/** Scaffold: replaced by the real subcommand. */
final class CompareCommand {
    private CompareCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        err.println("stage2scope: this command is not built yet");
        return 2;
    }
}
