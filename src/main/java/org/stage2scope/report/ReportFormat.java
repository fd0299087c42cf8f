package org.stage2scope.report;

import java.nio.file.Path;
import java.util.Locale;

/** The document formats a report file can have, chosen by the file name's extension. */
public enum ReportFormat {
    HTML("html", "HTML, one self-contained file"),
    MARKDOWN("md", "Markdown, with the picture as a PNG beside it"),
    TEXT("txt", "plain text for a mail, 80 columns"),
    JSON("json", "JSON, stage2scope-report/1");

    private final String extension;
    private final String description;

    ReportFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    public String extension() {
        return extension;
    }

    public String description() {
        return description;
    }

    /** The format a file name asks for (".html"/".htm", ".md"/".markdown", ".txt", ".json"), or null. */
    public static ReportFormat of(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html") || n.endsWith(".htm")) {
            return HTML;
        }
        if (n.endsWith(".md") || n.endsWith(".markdown")) {
            return MARKDOWN;
        }
        if (n.endsWith(".txt")) {
            return TEXT;
        }
        if (n.endsWith(".json")) {
            return JSON;
        }
        return null;
    }

    /** The sentence a user reads when the extension names no format. */
    public static String unknown(Path file) {
        return file + ": unknown report format; the file name must end in .html, .md, .txt or .json";
    }
}
