package org.stage2scope.io;

/**
 * A scenario file that cannot be loaded. {@link #getMessage()} is the whole user-facing sentence:
 * {@code file:line:column: json.path: what is wrong; expected ...}. Never carries a stack trace to users.
 */
public class ScenarioException extends Exception {
    private final String source;
    private final String jsonPath;
    private final int line;
    private final int column;

    public ScenarioException(String source, String jsonPath, int line, int column, String message) {
        super(format(source, jsonPath, line, column, message));
        this.source = source;
        this.jsonPath = jsonPath;
        this.line = line;
        this.column = column;
    }

    private static String format(String source, String jsonPath, int line, int column, String message) {
        StringBuilder sb = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (jsonPath != null && !jsonPath.isEmpty()) {
            sb.append(jsonPath).append(": ");
        }
        return sb.append(message).toString();
    }

    public String source() {
        return source;
    }

    /** "vmas[2].memType", or "" for the whole document. */
    public String jsonPath() {
        return jsonPath;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
