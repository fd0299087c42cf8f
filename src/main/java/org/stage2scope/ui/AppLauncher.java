package org.stage2scope.ui;

import java.nio.file.Path;

/**
 * Starts the JavaFX app (on the one scenario file in {@code args}, if any), or the headless fallback when there is no display. Decides before any
 * JavaFX class loads, so a machine without a display never sees a toolkit error.
 */
public final class AppLauncher {
    private AppLauncher() {}

    public static void launchOrFallback(String[] args) {
        if (!HeadlessFallback.hasDisplay(System.getenv(), System.getProperties())) {
            System.exit(args.length == 1
                    ? HeadlessFallback.run(Path.of("."), System.out, Path.of(args[0]))
                    : HeadlessFallback.run(Path.of("."), System.out));
            return;
        }
        try {
            FxLauncher.launch(args);
        } catch (Throwable e) { // any toolkit start failure becomes one line, never a trace
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            System.err.println("stage2scope: cannot start the window (" + msg.lines().findFirst().orElse("")
                    + "); run with no display for the text report, or use the command line: stage2scope help");
            System.exit(1);
        }
    }
}
