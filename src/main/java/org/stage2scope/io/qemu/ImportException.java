package org.stage2scope.io.qemu;

/**
 * An input the importer cannot read. {@link #getMessage()} is the whole user-facing sentence,
 * {@code file:line: what is wrong; expected ...}; never shown to users with a stack trace.
 */
public class ImportException extends Exception {
    private final String file;
    private final int line;

    public ImportException(String file, int line, String message) {
        super((file == null ? "<input>" : file) + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
