package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every decision the importer took and everything it could not match, one line each, in the order taken. */
public final class ImportReport {
    private final List<String> lines = new ArrayList<>();

    void add(String line) {
        lines.add(line);
    }

    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** True when some line contains the text (tests and callers look for a decision). */
    public boolean mentions(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
