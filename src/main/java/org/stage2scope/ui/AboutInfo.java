package org.stage2scope.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Help > About says: the version (from the jar's manifest; "development build" when run from
 * classes), the licence, and where the documentation is.
 *
 * @param docs documents as "title" -> location (a file that exists next to the app, else its path in the source tree)
 */
public record AboutInfo(String version, String licence, List<Doc> docs) {

    /** One document: its title and where to read it. */
    public record Doc(String title, String location) { }

    static final String LICENCE = "MIT licence (see LICENSE)";

    /** The running app's version and its documents, found relative to the working directory when present. */
    public static AboutInfo current() {
        String v = AboutInfo.class.getPackage().getImplementationVersion();
        List<Doc> docs = new ArrayList<>();
        for (String[] d : new String[][] {{"Overview and command line", "README.md"}, {"The window: keys and menus", "docs/ui.md"},
                {"Scenario file format", "docs/scenario-format.md"}, {"The engine and its kernel rules", "docs/engine.md"},
                {"Memory types", "docs/memtypes.md"}}) {
            Path p = Path.of(d[1]).toAbsolutePath();
            docs.add(new Doc(d[0], Files.isRegularFile(p) ? p.toUri().toString() : d[1]));
        }
        return new AboutInfo(v == null ? "development build" : v, LICENCE, docs);
    }

    /** The About text as plain lines (the dialog shows the documents as links below it). */
    public String text() {
        return "Stage2Scope " + version + "\nSee the effective memory type of every guest physical range, and why.\n\n"
                + licence + "\nJava " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.version", "?");
    }
}
