package org.stage2scope.ui;

import java.util.List;
import javafx.stage.Stage;

/**
 * The window under test: errors collected instead of shown in dialogs, every "discard changes?" answered yes,
 * recent files kept in memory (never the user's own list).
 */
final class TestWindows {
    private TestWindows() {}

    static MainWindow open(Stage stage, List<String> errors) {
        MainWindow window = new MainWindow(new ScenarioDocument(), stage);
        window.setErrorSink(errors::add);
        window.setConfirm(what -> true);
        window.setPreferences(new MemoryPreferences());
        return window;
    }
}
