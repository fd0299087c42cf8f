package org.stage2scope.ui;

import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The one place every window of the app is made: the main window's scene, the child windows (compare,
 * memory types, verify) and every dialog (alerts, Go to, Keys, About, Import). Each gets the app's
 * stylesheets and a "dark" style class that follows View > Dark theme for as long as it lives, so a window
 * added later cannot come up light in a dark app, and toggling the theme restyles windows already open.
 * Popups need nothing here: a context menu, tooltip or combo list takes the stylesheets of its window and
 * its colours from the node it is shown for. {@code WindowsMadeInOnePlaceTest} keeps every other class
 * from constructing a Stage, Scene or Dialog.
 */
final class AppWindows {
    /** The style class app.css keys its dark colours on (a scene root or a dialog pane). */
    static final String DARK = "dark";

    private final Window owner;
    private final ObservableBooleanValue dark;

    /**
     * @param owner the main window: owner of every child window and dialog (null in tests of one view)
     * @param dark  View > Dark theme
     */
    AppWindows(Window owner, ObservableBooleanValue dark) {
        this.owner = owner;
        this.dark = dark;
    }

    /** The main window's scene: the app's stylesheet, following the dark theme. */
    Scene mainScene(Stage stage, Parent root, double width, double height) {
        Scene sc = scene(root, width, height, List.of());
        stage.setScene(sc);
        return sc;
    }

    /**
     * A non-modal child window over the main window: styled like it, closed by Esc or Ctrl+W.
     *
     * @param extraSheets stylesheets (next to app.css) only this window needs, e.g. "memtypes.css"
     */
    Stage child(String title, Parent root, double width, double height, String... extraSheets) {
        Stage stage = new Stage();
        Scene sc = scene(root, width, height, List.of(extraSheets));
        sc.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), stage::hide);
        sc.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), stage::hide);
        stage.setScene(sc);
        stage.setTitle(title);
        if (owner != null) {
            stage.initOwner(owner);
        }
        return stage;
    }

    /**
     * An alert with no header.
     *
     * @param over the window it belongs to: null for the main window, or a child window (an error in the
     *             memory-type explorer)
     */
    Alert alert(Window over, Alert.AlertType type, String text, ButtonType... buttons) {
        Alert a = styled(new Alert(type, text == null ? "" : text, buttons), over);
        a.setHeaderText(null);
        return a;
    }

    /** A one-line question (Go to). */
    TextInputDialog textInput(String initial) {
        return styled(new TextInputDialog(initial), null);
    }

    /** An empty dialog to fill (Import from QEMU). */
    <R> Dialog<R> dialog() {
        return styled(new Dialog<>(), null);
    }

    /** Owned by the main window (or over), its pane styled like the windows: the pane is all it shows. */
    private <D extends Dialog<?>> D styled(D d, Window over) {
        Window o = over != null ? over : owner;
        if (o != null) {
            d.initOwner(o);
        }
        addSheets(d.getDialogPane().getStylesheets(), List.of());
        followDark(d.getDialogPane());
        return d;
    }

    /** On the scene, not the root: popups over the window (context menus, combo lists) copy the scene's. */
    private Scene scene(Parent root, double width, double height, List<String> extraSheets) {
        Scene sc = new Scene(root, width, height);
        addSheets(sc.getStylesheets(), extraSheets);
        followDark(root);
        return sc;
    }

    /** app.css, then the sheets only one window needs. A dialog carries them on its pane into its window. */
    private static void addSheets(List<String> sheets, List<String> extra) {
        var names = new java.util.ArrayList<String>();
        names.add("app.css");
        names.addAll(extra);
        for (String name : names) {
            var url = AppWindows.class.getResource(name);
            if (url != null) {
                sheets.add(url.toExternalForm());
            }
        }
    }

    /**
     * The node's "dark" class follows the theme while the node lives: the listener is held by the node
     * (weakly by the theme), so a closed dialog does not stay reachable from the view model.
     */
    private void followDark(Parent node) {
        ChangeListener<Boolean> l = (o, was, on) -> setDark(node.getStyleClass(), on);
        node.getProperties().put(AppWindows.class, l);
        dark.addListener(new WeakChangeListener<>(l));
        setDark(node.getStyleClass(), dark.get());
    }

    private static void setDark(List<String> styleClass, boolean on) {
        styleClass.remove(DARK);
        if (on) {
            styleClass.add(DARK);
        }
    }
}
