package org.stage2scope;

import org.stage2scope.cli.Cli;

/**
 * Entry point of the runnable jar and of {@code mvn javafx:run}: no arguments opens the app
 * (or, with no display, does its headless job); any argument runs the command line.
 * Kept free of JavaFX types so the command line starts without the toolkit.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            org.stage2scope.ui.AppLauncher.launchOrFallback(args);
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
