package org.stage2scope.ui;

import java.util.List;
import javafx.stage.Stage;

/**
 * The window under test: dialogs scripted (errors collected, "save changes?" answered Discard), recent
 * files and the last folder kept in memory (never the user's own).
 */
final class TestWindows {
    private TestWindows() {}

    static MainWindow open(Stage stage, List<String> errors) {
        return open(stage, errors, new ScenarioDocument());
    }

    static MainWindow open(Stage stage, List<String> errors, ScenarioDocument doc) {
        return open(stage, new ScriptedDialogs(errors), doc);
    }

    static MainWindow open(Stage stage, ScriptedDialogs dialogs, ScenarioDocument doc) {
        MainWindow window = new MainWindow(doc, stage);
        window.setDialogs(dialogs);
        window.setPreferences(new MemoryPreferences());
        return window;
    }
}
