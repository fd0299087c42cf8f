package org.stage2scope.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.input.KeyCombination;

/**
 * One thing the user can do, once: the words, the shortcut, what it does and when it is disabled. Menus,
 * toolbar buttons and the context menu are all built from these, so a shortcut shown in a menu is the
 * shortcut that works and a disabled action is disabled everywhere.
 *
 * @param id       stable id ("undo"); the menu item's and toolbar button's node id is "menu-" / "tb-" + id
 * @param key      the accelerator, or null
 * @param disabled when the action cannot run, never null
 * @param checked  for an on/off action (presentation mode, dark theme), the state it toggles; else null
 */
record AppAction(String id, String text, KeyCombination key, Runnable run, ObservableBooleanValue disabled,
                 BooleanProperty checked, String help) {

    static final ObservableBooleanValue ALWAYS_ENABLED = Bindings.createBooleanBinding(() -> false);

    static AppAction of(String id, String text, String key, Runnable run) {
        return new AppAction(id, text, key == null ? null : KeyCombination.keyCombination(key), run, ALWAYS_ENABLED, null, "");
    }

    AppAction enabledWhen(ObservableBooleanValue enabled) {
        return new AppAction(id, text, key, run, Bindings.createBooleanBinding(() -> !enabled.get(), enabled), checked, help);
    }

    AppAction toggling(BooleanProperty state) {
        return new AppAction(id, text, key, () -> state.set(!state.get()), disabled, state, help);
    }

    AppAction withHelp(String h) {
        return new AppAction(id, text, key, run, disabled, checked, h);
    }

    /** "Ctrl+Z" as the menu shows it, or "". */
    String keyText() {
        return key == null ? "" : key.getDisplayText();
    }
}
