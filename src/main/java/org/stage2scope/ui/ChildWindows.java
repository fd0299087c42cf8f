package org.stage2scope.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** What every secondary window (compare, memory types) shares: Esc and Ctrl+W close it. */
final class ChildWindows {
    private ChildWindows() {}

    static void closeOnEscapeAndCtrlW(javafx.scene.Scene scene, Stage stage) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::hide);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), stage::hide);
    }
}
