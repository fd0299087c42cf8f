package org.stage2scope;

import java.io.PrintStream;
import org.stage2scope.cli.CheckedPrintStream;
import org.stage2scope.cli.Cli;

/**
 * Entry point of the runnable jar and of {@code mvn javafx:run}: no arguments opens the app
 * (or, with no display, does its headless job); {@code FILE.json} opens that scenario in the app;
 * anything else is the command line. Kept free of JavaFX types so the command line starts without
 * the toolkit.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            org.stage2scope.ui.AppLauncher.launchOrFallback(args);
            return;
        }
        PrintStream err = CheckedPrintStream.stderr();
        int code = Cli.run(args, CheckedPrintStream.stdout(), err,
                file -> org.stage2scope.ui.AppLauncher.launchOrFallback(new String[] {file.toString()}));
        err.flush();
        System.exit(code);
    }
}
