package org.stage2scope.ui;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.report.MemslotColumns;
import org.stage2scope.report.RangeColumns;
import org.stage2scope.report.RangeRow;
import org.stage2scope.report.RangeRows;
import org.stage2scope.report.TableFormat;

/**
 * The range table and the memslot calls, in two tabs beside the picture and in step with it: choosing
 * a row selects and reveals its band; selecting a band (or a slot, a VMA, an access) selects its rows.
 * The rows come from report.RangeRows, the same rows {@code check} prints; a big scenario's rows are
 * built off the UI thread.
 */
final class TablesPane extends TabPane {
    private final MainViewModel vm;
    private final RowTableView<RangeRow> ranges = new RowTableView<>("range-table");
    private final RowTableView<MemslotResult> calls = new RowTableView<>("memslot-table");
    private final TextField filterText = new TextField();
    private final Set<RangeFilter.Quick> quick = EnumSet.noneOf(RangeFilter.Quick.class);
    private final Label count = new Label();
    private final LatestOnly<List<RangeRow>> background = new LatestOnly<>(Platform::runLater);
    private Evaluation shown;
    /** True while the table follows the picture, so that selection is not sent back as the user's choice. */
    private boolean following;

    TablesPane(MainViewModel vm) {
        this.vm = vm;
        setId("tables");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        Tab r = new Tab("Ranges", rangesPane());
        r.setId("tab-ranges");
        Tab c = new Tab("Memslot calls", withCopyBar(calls, new Label("KVM_SET_USER_MEMORY_REGION2 calls, in order")));
        c.setId("tab-memslots");
        getTabs().setAll(r, c);

        ranges.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (!following && row != null) {
                follow(() -> vm.reveal(TableSync.refOf(row)));
            }
        });
        calls.getSelectionModel().selectedItemProperty().addListener((o, a, call) -> {
            if (!following && call != null) {
                follow(() -> vm.reveal(new Ref.MemslotCall(call.index())));
            }
        });
        vm.selectionProperty().addListener((o, a, ref) -> {
            if (!following) {
                follow(() -> showSelection(ref));
            }
        });
        vm.document().evaluationProperty().addListener((o, a, ev) -> load(ev));
        load(vm.document().evaluation());
    }

    private BorderPane rangesPane() {
        filterText.setId("range-filter");
        filterText.setPromptText("Filter: any cell contains\u2026");
        filterText.textProperty().addListener((o, a, t) -> follow(this::applyFilter));
        HBox bar = new HBox(6, filterText);
        for (RangeFilter.Quick q : RangeFilter.Quick.values()) {
            ToggleButton b = new ToggleButton(q.label());
            b.setId("quick-" + q.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    quick.add(q);
                } else {
                    quick.remove(q);
                }
                follow(this::applyFilter);
            });
            bar.getChildren().add(b);
        }
        count.setId("range-count");
        bar.getChildren().add(count);
        HBox.setHgrow(filterText, Priority.ALWAYS);
        filterText.setMinWidth(120);
        return withCopyBar(ranges, bar);
    }

    /** A table with its bar above it, ending in a Copy menu (selection or shown rows, as Markdown, CSV or TSV). */
    private static BorderPane withCopyBar(RowTableView<?> table, javafx.scene.Node bar) {
        MenuButton copy = new MenuButton("Copy");
        copy.setId(table.getId() + "-copy");
        copy.setTooltip(new Tooltip("Copy the selected rows or every shown row (Ctrl+C: the selection as TSV)"));
        for (boolean selection : new boolean[] {true, false}) {
            for (TableFormat f : TableFormat.values()) {
                MenuItem i = new MenuItem((selection ? "Selection" : "Shown rows") + " as " + f.title());
                i.setOnAction(e -> table.copy(f, selection));
                copy.getItems().add(i);
            }
        }
        HBox top = new HBox(6, bar, copy);
        HBox.setHgrow(bar, Priority.ALWAYS);
        top.getStyleClass().add("table-bar");
        BorderPane p = new BorderPane(table);
        p.setTop(top);
        return p;
    }

    private void load(Evaluation ev) {
        if (ev == null) {
            return;
        }
        if (ev.scenario().memslots().size() < ScenarioDocument.ASYNC_MEMSLOTS) {
            background.runNow(() -> RangeRows.of(ev), rows -> apply(ev, rows));
            return;
        }
        count.setText("Building " + ev.stage2().size() + " ranges\u2026");
        background.submit(() -> RangeRows.of(ev), rows -> apply(ev, rows));
    }

    private void apply(Evaluation ev, List<RangeRow> rows) {
        shown = ev;
        follow(() -> {
            ranges.show(RangeColumns.all(ev.scenario().host().arch()), rows);
            calls.show(MemslotColumns.ALL, ev.memslotCalls());
            applyFilter();
            showSelection(vm.selection());
        });
    }

    private void applyFilter() {
        RangeFilter f = new RangeFilter(filterText.getText(), quick);
        ranges.setFilter(f.predicate(ranges.tableColumns()));
        count.setText(String.format(Locale.ROOT, "%,d of %,d", ranges.getItems().size(), ranges.allRows().size()));
    }

    private void showSelection(Ref ref) {
        ranges.selectRows(TableSync.rowsFor(shown, ranges.allRows(), ref));
        int call = TableSync.callFor(ref);
        calls.selectRows(call >= 0 && shown != null && call < shown.memslotCalls().size() ? List.of(shown.memslotCalls().get(call)) : List.of());
    }

    private void follow(Runnable r) {
        boolean was = following;
        following = true;
        try {
            r.run();
        } finally {
            following = was;
        }
    }

    // ------------------------------------------------------------------ for tests

    RowTableView<RangeRow> rangeTable() {
        return ranges;
    }

    RowTableView<MemslotResult> memslotTable() {
        return calls;
    }

    TextField filterField() {
        return filterText;
    }

    /** True while a big scenario's rows are being built. */
    boolean building() {
        return background.pending();
    }
}
