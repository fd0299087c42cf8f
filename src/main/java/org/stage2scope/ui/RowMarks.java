package org.stage2scope.ui;

import java.util.function.Predicate;

import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * Marks the rows of a table that disagree (Compare: a policy differs; Verify: engine and kernel
 * differ) with the one style class both views and the theme share, so the two tables cannot drift
 * apart in how they show a difference. Rows are reused by the table, so the class is removed before
 * it is added again.
 */
final class RowMarks {
    static final String DIFFERS = "compare-differs";

    private RowMarks() {
    }

    static <T> void markDiffering(TableView<T> table, Predicate<T> differs) {
        table.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(T row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove(DIFFERS);
                if (!empty && row != null && differs.test(row)) {
                    getStyleClass().add(DIFFERS);
                }
            }
        });
    }
}
