package org.stage2scope.ui;

/** Starts the JavaFX app, or the headless fallback when there is no display. Scaffold; see issue 4. */
public final class AppLauncher {
    private AppLauncher() {}

    public static void launchOrFallback(String[] args) {
        System.err.println("stage2scope: the desktop app is not built yet");
    }
}
