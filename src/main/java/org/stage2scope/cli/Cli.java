package org.stage2scope.cli;

import java.io.PrintStream;

/** The command line: {@code check}, {@code compare}, {@code table}, {@code memtype}. Scaffold; see issue 3. */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("stage2scope: the command line is not built yet");
        return 2;
    }
}
