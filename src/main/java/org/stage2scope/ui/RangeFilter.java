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

    /** The predicate over rows shown with these columns (the text is matched against the cells as shown). */
    Predicate<RangeRow> predicate(List<Column<RangeRow>> columns) {
        if (isEmpty()) {
            return null;
        }
        return r -> {
            for (Quick q : quick) {
                if (!q.test.test(r)) {
                    return false;
                }
            }
            if (text.isEmpty()) {
                return true;
            }
            for (Column<RangeRow> c : columns) {
                if (c.cell(r).toLowerCase(Locale.ROOT).contains(text)) {
                    return true;
                }
            }
            return false;
        };
    }
}
