package org.stage2scope.engine;

public enum Severity {
    ERROR, WARNING, INFO;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The heading a report gives a group of findings of this severity. */
    public String heading() {
        return switch (this) {
            case ERROR -> "Errors";
            case WARNING -> "Warnings";
            case INFO -> "Notes";
        };
    }
}
