package org.stage2scope.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The real dialogs: JavaFX file choosers, alerts made by {@link AppWindows} (owned by the main window and
 * in its theme), ControlsFX notifications.
 */
final class FxDialogService implements DialogService {
    private final Window owner;
    private final AppWindows windows;
    /** Opens a link (HostServices::showDocument in the app); null when nothing can open one. */
    private final Consumer<String> browser;
    private final Shower shower;

    /** How a dialog is shown: modal, waiting for its answer, in the app; a test shows it and looks at it. */
    interface Shower {
        <R> Optional<R> show(Dialog<R> d);
    }

    static final Shower MODAL = new Shower() {
        @Override
        public <R> Optional<R> show(Dialog<R> d) {
            return d.showAndWait();
        }
    };

    FxDialogService(Window owner, AppWindows windows, Consumer<String> browser) {
        this(owner, windows, browser, MODAL);
    }

    FxDialogService(Window owner, AppWindows windows, Consumer<String> browser, Shower shower) {
        this.owner = owner;
        this.windows = windows;
        this.browser = browser;
        this.shower = shower;
    }

    @Override
    public Optional<Path> chooseOpen(String title, Path initialDir, List<Filter> filters) {
        FileChooser fc = chooser(title, initialDir, filters);
        return Optional.ofNullable(fc.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSave(String title, Path initialDir, String initialName, List<Filter> filters) {
        FileChooser fc = chooser(title, initialDir, filters);
        fc.setInitialFileName(initialName);
        File f = fc.showSaveDialog(owner);
        if (f == null) {
            return Optional.empty();
        }
        Path p = f.toPath();
        String n = p.getFileName().toString();
        if (!n.contains(".")) {
            Filter chosen = filters.get(Math.max(0, fc.getExtensionFilters().indexOf(fc.getSelectedExtensionFilter())));
            p = p.resolveSibling(n + "." + chosen.extension());
        }
        return Optional.of(p);
    }

    private static FileChooser chooser(String title, Path initialDir, List<Filter> filters) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        for (Filter f : filters) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
        }
        if (initialDir != null && initialDir.toFile().isDirectory()) {
            fc.setInitialDirectory(initialDir.toFile());
        }
        return fc;
    }

    @Override
    public SaveChoice askSaveChanges(String what) {
        ButtonType save = new ButtonType("Save");
        ButtonType discard = new ButtonType("Discard changes");
        Alert a = alert(Alert.AlertType.CONFIRMATION, "The scenario has unsaved changes. Save them before you " + what + "?",
                save, discard, ButtonType.CANCEL);
        ButtonType r = shower.show(a).orElse(ButtonType.CANCEL);
        return r == save ? SaveChoice.SAVE : r == discard ? SaveChoice.DISCARD : SaveChoice.CANCEL;
    }

    @Override
    public void showError(String message) {
        Alert a = alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.getDialogPane().setMinWidth(520);
        shower.show(a);
    }

    @Override
    public void notify(String message) {
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications.create().owner(owner).text(message).position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(3))
                .hideCloseButton().show();
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        TextInputDialog d = windows.textInput(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText(prompt);
        d.getEditor().setPrefColumnCount(28);
        return shower.show(d).map(String::strip).filter(t -> !t.isEmpty());
    }

    @Override
    public Optional<ImportDialog.Request> askImport() {
        return shower.show(ImportDialog.dialog(owner, windows));
    }

    @Override
    public void showText(String title, String text) {
        Alert a = alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
        a.setTitle(title);
        javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace");
        area.setPrefRowCount(Math.min(30, (int) text.lines().count() + 1));
        area.setPrefColumnCount(72);
        a.getDialogPane().setContent(area);
        shower.show(a);
    }

    @Override
    public void showAbout(AboutInfo about) {
        Alert a = alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
        a.setTitle("About Stage2Scope");
        VBox box = new VBox(6, new Label(about.text()), new Label("Documentation:"));
        for (AboutInfo.Doc d : about.docs()) {
            Hyperlink link = new Hyperlink(d.title() + "  (" + d.location() + ")");
            link.setOnAction(e -> {
                if (browser != null) {
                    browser.accept(d.location());
                }
            });
            box.getChildren().add(link);
        }
        a.getDialogPane().setContent(box);
        shower.show(a);
    }

    private Alert alert(Alert.AlertType type, String text, ButtonType... buttons) {
        return windows.alert(null, type, text, buttons);
    }
}
