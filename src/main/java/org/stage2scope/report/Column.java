package org.stage2scope.report;

import java.util.Comparator;
import java.util.function.Function;

/**
 * One column of a row table: its header, the text of its cell (as every export and the window show
 * it; "-" means not applicable), and the order sorting by it gives (numeric for addresses and sizes).
 */
public record Column<R>(String header, Function<R, String> text, Comparator<R> order) {

    /** A column sorted by its text. */
    public static <R> Column<R> ofText(String header, Function<R, String> text) {
        return new Column<>(header, text, Comparator.comparing(text, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER)));
    }

    public String cell(R row) {
        String t = text.apply(row);
        return t == null ? "-" : t;
    }
}
