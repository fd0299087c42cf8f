package org.stage2scope.ui;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.stage2scope.report.Column;
import org.stage2scope.report.RangeRow;

/** What the range table's filter bar asks for: a text any cell must contain, and quick filters that must all hold. */
record RangeFilter(String text, Set<Quick> quick) {

    /** The quick filters, each one question a reviewer asks of the table. */
    enum Quick {
        FINDINGS("Only findings", RangeRow::finding),
        EFFECTIVE_DIFFERS("Effective differs from stage 2", RangeRow::effectiveDiffersFromStage2),
        DEVICE("Device memory", RangeRow::deviceMemory),
        REFUSED("Refused slots", r -> r.kind() == RangeRow.Kind.REFUSED);

        private final String label;
        private final Predicate<RangeRow> test;

        Quick(String label, Predicate<RangeRow> test) {
            this.label = label;
            this.test = test;
        }

        String label() {
            return label;
        }
    }

    RangeFilter {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        quick = Set.copyOf(quick);
    }

    static final RangeFilter NONE = new RangeFilter("", Set.of());

    boolean isEmpty() {
        return text.isEmpty() && quick.isEmpty();
    }

    /**
     * Every cell of a row as shown, lower case, in one string: built once per row (off the UI thread for
     * a big scenario), so a keystroke in the filter field searches 32,767 strings instead of building
     * half a million cells.
     */
    static String haystack(List<Column<RangeRow>> columns, RangeRow r) {
        StringBuilder sb = new StringBuilder(160);
        for (Column<RangeRow> c : columns) {
            sb.append(c.cell(r).toLowerCase(Locale.ROOT)).append('\u0000');
        }
        return sb.toString();
    }

    /** The predicate over rows whose shown cells {@code haystacks} gives (see {@link #haystack}). */
    Predicate<RangeRow> predicate(java.util.function.Function<RangeRow, String> haystacks) {
        if (isEmpty()) {
            return null;
        }
        return r -> {
            for (Quick q : quick) {
                if (!q.test.test(r)) {
                    return false;
                }
            }
            return text.isEmpty() || haystacks.apply(r).contains(text);
        };
    }
}
