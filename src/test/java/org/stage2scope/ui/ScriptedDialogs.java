package org.stage2scope.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The dialog double: answers come from queues the test fills, and everything asked or shown is recorded
 * ("open: initialDir", errors, notifications), so flows that would block on a dialog run headless.
 */
final class ScriptedDialogs implements DialogService {
    final List<String> errors;
    final List<String> asked = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> texts = new ArrayList<>();
    /** The folder each chooser was asked to open in (null when none). */
    final List<Path> chooserFolders = new ArrayList<>();
    final Deque<SaveChoice> saveChoices = new ArrayDeque<>();
    final Deque<Path> paths = new ArrayDeque<>();
    final Deque<String> answers = new ArrayDeque<>();
    AboutInfo about;
    /** The answer to "save changes?" when the queue is empty. */
    SaveChoice defaultChoice = SaveChoice.DISCARD;

    ScriptedDialogs(List<String> errors) {
        this.errors = errors;
    }

    @Override
    public Optional<Path> chooseOpen(String title, Path initialDir, List<Filter> filters) {
        chooserFolders.add(initialDir);
        return Optional.ofNullable(paths.poll());
    }

    @Override
    public Optional<Path> chooseSave(String title, Path initialDir, String initialName, List<Filter> filters) {
        chooserFolders.add(initialDir);
        return Optional.ofNullable(paths.poll());
    }

    @Override
    public SaveChoice askSaveChanges(String what) {
        asked.add(what);
        SaveChoice c = saveChoices.poll();
        return c == null ? defaultChoice : c;
    }

    @Override
    public void showError(String message) {
        errors.add(message);
    }

    @Override
    public void notify(String message) {
        notes.add(message);
    }

    @Override
    public Optional<String> askText(String title, String prompt, String initial) {
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<ImportDialog.Request> askImport() {
        return Optional.empty();
    }

    @Override
    public void showText(String title, String text) {
        texts.add(text);
    }

    @Override
    public void showAbout(AboutInfo info) {
        about = info;
    }
}
