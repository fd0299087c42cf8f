package org.stage2scope.ui;

import javafx.application.Application;

/** The only place that loads JavaFX at start; AppLauncher reaches it only when a display exists. */
final class FxLauncher {
    private FxLauncher() {}

    static void launch(String[] args) {
        Application.launch(Stage2ScopeApp.class, args);
    }
}
