package org.stage2scope.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every modal question the window asks: file choosers, "save changes?", errors, go-to, About. The app
 * uses {@link FxDialogService}; tests pass a double that answers from a script, so every flow that
 * would block on a dialog runs headless.
 */
public interface DialogService {

    /** A file-chooser filter: "Scenario (*.json)" with its patterns. */
    record Filter(String description, String... patterns) {
        /** The extension the first pattern names ("json" for "*.json"). */
        public String extension() {
            return patterns[0].substring(patterns[0].lastIndexOf('.') + 1);
        }
    }

    /** The answer to "the scenario has unsaved changes". */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /** @param initialDir where the chooser opens (the last folder used), or null */
    Optional<Path> chooseOpen(String title, Path initialDir, List<Filter> filters);

    /**
     * @return the chosen path; when the user typed a name without an extension, the extension of the
     *         filter they chose is added
     */
    Optional<Path> chooseSave(String title, Path initialDir, String initialName, List<Filter> filters);

    /** Asks whether to save unsaved changes before {@code what} ("quit", "open another scenario"). */
    SaveChoice askSaveChanges(String what);

    /** Shows one sentence saying what went wrong. */
    void showError(String message);

    /** A short confirmation that fades by itself ("Exported slide.png"); it never blocks. */
    void notify(String message);

    /** Asks for one line of text; empty when cancelled. */
    Optional<String> askText(String title, String prompt, String initial);

    /** File > Import from QEMU's question: the two files and the options. */
    Optional<ImportDialog.Request> askImport();

    /** A longer read-only text (Help > Keys). */
    void showText(String title, String text);

    /** Help > About. */
    void showAbout(AboutInfo about);
}
