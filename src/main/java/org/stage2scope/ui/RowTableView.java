package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.stage2scope.report.Column;
import org.stage2scope.report.Table;
import org.stage2scope.report.TableFormat;

/**
 * A sortable, filterable, copyable table over the report package's rows and columns, so the window
 * shows exactly the cells {@code check} prints and the documents contain. TableView is virtualised:
 * only the visible rows have cells, so 32,767 rows cost their data, not their nodes. Sorting uses each
 * column's own order (addresses and sizes as unsigned numbers, not text).
 *
 * @param <R> the row type (a range row, a memslot result)
 */
final class RowTableView<R> extends TableView<R> {
    private final ObservableList<R> source = FXCollections.observableArrayList();
    private final FilteredList<R> filtered = new FilteredList<>(source);
    private List<Column<R>> columns = List.of();

    RowTableView(String id) {
        setId(id);
        SortedList<R> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new javafx.scene.control.Label("No rows"));
        setContextMenu(copyMenu());
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copy(TableFormat.TSV, true);
                e.consume();
            }
        });
    }

    /** Replaces the rows; the columns are rebuilt only when they changed (an arm64 to x86 switch swaps MemAttr for ipat). */
    void show(List<Column<R>> cols, List<R> rows) {
        getSelectionModel().clearSelection();
        source.setAll(rows);
        if (!cols.equals(columns)) {
            columns = List.copyOf(cols);
            List<TableColumn<R, ?>> fx = new ArrayList<>();
            for (Column<R> c : columns) {
                fx.add(column(c));
            }
            getSortOrder().clear();
            getColumns().setAll(fx);
        }
    }

    private TableColumn<R, R> column(Column<R> c) {
        TableColumn<R, R> col = new TableColumn<>(c.header());
        col.setId(getId() + "-col-" + c.header().replace(' ', '-'));
        col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        col.setComparator(c.order());
        col.setCellFactory(tc -> new TableCell<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : c.cell(row));
            }
        });
        col.setPrefWidth(width(c));
        return col;
    }

    /**
     * Wide enough for the header (bold) and the widest of the first rows, measured with the real font;
     * capped so one long VMA path does not push every other column off screen (its tooltip-free cell
     * still shows the start, and copying gives the full text).
     */
    private double width(Column<R> c) {
        Text probe = new Text(c.header());
        probe.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
        double w = probe.getLayoutBounds().getWidth();
        probe.setFont(Font.getDefault());
        for (int i = 0; i < Math.min(200, source.size()); i++) {
            probe.setText(c.cell(source.get(i)));
            w = Math.max(w, probe.getLayoutBounds().getWidth());
        }
        return Math.min(Math.ceil(w) + 24, 380);
    }

    void setFilter(Predicate<R> p) {
        filtered.setPredicate(p);
    }

    /** Every row, before filtering and sorting. */
    List<R> allRows() {
        return source;
    }

    List<Column<R>> tableColumns() {
        return columns;
    }

    /** The shown rows (filtered and in the shown order), or only the selected ones, as a table. */
    Table<R> table(boolean selectionOnly) {
        List<R> rows = selectionOnly ? List.copyOf(getSelectionModel().getSelectedItems()) : List.copyOf(getItems());
        return new Table<>(columns, rows);
    }

    /** Puts the selection (or every shown row) on the clipboard in a format; returns the text. */
    String copy(TableFormat f, boolean selectionOnly) {
        String text = table(selectionOnly).format(f);
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        return text;
    }

    private ContextMenu copyMenu() {
        Menu sel = new Menu("Copy selection as");
        Menu all = new Menu("Copy shown rows as");
        for (TableFormat f : TableFormat.values()) {
            MenuItem s = new MenuItem(f.title());
            s.setOnAction(e -> copy(f, true));
            MenuItem a = new MenuItem(f.title());
            a.setOnAction(e -> copy(f, false));
            sel.getItems().add(s);
            all.getItems().add(a);
        }
        return new ContextMenu(sel, all);
    }

    /** Selects exactly these rows (those the filter hides stay unselected) and scrolls to the first. */
    void selectRows(List<R> rows) {
        getSelectionModel().clearSelection();
        Set<R> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(rows);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < getItems().size() && at.size() < wanted.size(); i++) {
            if (wanted.contains(getItems().get(i))) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return;
        }
        getSelectionModel().selectIndices(at.get(0), at.stream().skip(1).mapToInt(Integer::intValue).toArray());
        scrollTo(Math.max(0, at.get(0) - 2));
    }
}
