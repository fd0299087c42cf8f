package org.stage2scope.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.collections.FXCollections;

/**
 * File > Open recent and the folder file choosers open in, kept in java.util.prefs. Tests pass a node of
 * their own so they never touch the user's list. Preferences that cannot be read or written (a read-only
 * home) make both a no-op: they are conveniences.
 */
final class RecentFiles {
    static final int MAX = 8;

    private Preferences prefs;
    private final ReadOnlyListWrapper<Path> files = new ReadOnlyListWrapper<>(this, "files", FXCollections.observableArrayList());

    RecentFiles(Preferences prefs) {
        use(prefs);
    }

    /** Switches to another preferences node and reloads the list from it. */
    void use(Preferences node) {
        prefs = node;
        List<Path> l = new ArrayList<>();
        for (String s : get("recent").split("\n")) {
            if (!s.isBlank()) {
                l.add(Path.of(s));
            }
        }
        files.setAll(l);
    }

    /** Most recent first. */
    ReadOnlyListProperty<Path> filesProperty() {
        return files.getReadOnlyProperty();
    }

    /** A file was opened or saved: first in the list, and its folder is where the next chooser opens. */
    void remember(Path p) {
        Path abs = p.toAbsolutePath();
        List<Path> l = new ArrayList<>(files);
        l.remove(abs);
        l.add(0, abs);
        while (l.size() > MAX) {
            l.remove(l.size() - 1);
        }
        files.setAll(l);
        put("recent", String.join("\n", l.stream().map(Path::toString).toList()));
        rememberFolder(abs);
    }

    /** Any file chosen in a chooser (export, report, import): its folder is where the next one opens. */
    void rememberFolder(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            put("lastFolder", dir.toString());
        }
    }

    /** Where the next file chooser opens, or null (the platform's default). */
    Path lastFolder() {
        String s = get("lastFolder");
        return s.isEmpty() ? null : Path.of(s);
    }

    private String get(String key) {
        try {
            return prefs.get(key, "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void put(String key, String value) {
        try {
            prefs.put(key, value);
        } catch (RuntimeException e) {
            // Preferences unavailable: recent files and the last folder are conveniences only.
        }
    }
}
