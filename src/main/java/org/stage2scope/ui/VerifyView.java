package org.stage2scope.ui;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Tools > Verify against this kernel: the per-call table of one replay in a non-modal window, a
 * DISAGREE row bold on a tinted background (the word says it too, so colour is never the only sign).
 * The window only shows what {@link HostActions} hands it: a replay in progress, a {@link VerifyModel},
 * or that the replay was cancelled. Esc and Ctrl+W close it.
 */
final class VerifyView {
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final Label heading = new Label();
    private final Label problem = new Label();
    private final Label notes = new Label();
    private final Label summary = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final TableView<VerifyModel.Row> table = new TableView<>();
    private final Button copy = new Button("Copy as text");
    private final Button cancel = new Button("Cancel");
    private final Button again = new Button("Verify again");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<VerifyModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Nothing was replayed yet.");

    VerifyView(AppWindows windows, Runnable verifyAgain, Runnable cancelRun) {
        heading.getStyleClass().add("compare-heading");
        heading.setId("verify-heading");
        heading.setWrapText(true);
        problem.setId("verify-problem");
        problem.getStyleClass().add("finding-error");
        problem.setWrapText(true);
        hideWhenEmpty(problem);
        notes.setId("verify-notes");
        notes.setWrapText(true);
        hideWhenEmpty(notes);
        summary.setId("verify-summary");
        summary.setWrapText(true);
        busy.setId("verify-busy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(running);
        busy.managedProperty().bind(running);
        copy.setId("verify-copy");
        copy.setOnAction(e -> copyAsText());
        copy.disableProperty().bind(model.isNull());
        cancel.setId("verify-cancel");
        cancel.setOnAction(e -> cancelRun.run());
        cancel.disableProperty().bind(running.not());
        again.setId("verify-again");
        again.setOnAction(e -> verifyAgain.run());
        again.disableProperty().bind(running);
        // Buttons never shrink below their text ("C..." for Copy as text); the heading wraps instead.
        for (Button b : List.of(again, cancel, copy)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        heading.setMinWidth(120);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox top = new HBox(12, heading, busy, spring, again, cancel, copy);
        VBox header = new VBox(4, top, problem, notes);
        header.setPadding(new Insets(8));
        table.setId("verify-table");
        Label none = new Label();
        none.textProperty().bind(placeholder);
        table.setPlaceholder(none);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        RowMarks.markDiffering(table, VerifyModel.Row::disagrees);
        for (int i = 0; i < VerifyModel.COLUMNS.size(); i++) {
            int k = i;
            TableColumn<VerifyModel.Row, String> col = new TableColumn<>(VerifyModel.COLUMNS.get(i));
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cells().get(k)).getReadOnlyProperty());
            col.setSortable(false);
            table.getColumns().add(col);
        }
        BorderPane bottom = new BorderPane(summary);
        BorderPane.setAlignment(summary, javafx.geometry.Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        root.setTop(header);
        root.setCenter(table);
        root.setBottom(bottom);
        stage = windows.child("Stage2Scope \u2014 verify against this kernel", root, 1100, 480);
        // The top row's three buttons, a few words of heading and the busy indicator still fit.
        stage.setMinWidth(560);
        stage.setMinHeight(300);
    }

    private static void hideWhenEmpty(Label l) {
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    /** A replay of this many calls is on its way; the last table stays greyed out until it arrives. */
    void running(String scenarioName, int calls) {
        running.set(true);
        heading.setText("Replaying \"" + scenarioName + "\" on this kernel\u2026");
        problem.setText("");
        summary.setText("Issuing " + calls + " memslot call(s) on a scratch VM\u2026");
        table.setDisable(true);
    }

    void show(VerifyModel m) {
        running.set(false);
        model.set(m);
        heading.setText(m.heading());
        problem.setText(m.problem());
        notes.setText(m.notes().isEmpty() ? "" : String.join("\n", m.notes().stream().map(n -> "note: " + n).toList()));
        summary.setText(m.summary());
        // With no rows the table says the summary's sentence: it never says less or more than the summary.
        placeholder.set(m.summary());
        table.getItems().setAll(m.rows());
        table.setDisable(false);
        autosize();
    }

    /** Cancel: the replay's result will be dropped; the window says so and keeps nothing stale. */
    void cancelled() {
        running.set(false);
        model.set(null);
        problem.setText("Cancelled: the replay's result is dropped (it still closes its own scratch VM and mappings).");
        summary.setText("");
        notes.setText("");
        placeholder.set("Cancelled.");
        table.getItems().clear();
        table.setDisable(false);
    }

    /** Columns as wide as their widest text, so no errno or reason is cut off with "...". */
    private void autosize() {
        javafx.scene.text.Font f = javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize());
        for (int i = 0; i < table.getColumns().size(); i++) {
            double w = width(f, VerifyModel.COLUMNS.get(i));
            for (VerifyModel.Row r : table.getItems()) {
                w = Math.max(w, width(f, r.cells().get(i)));
            }
            table.getColumns().get(i).setPrefWidth(w + 24);
        }
    }

    private static double width(javafx.scene.text.Font f, String text) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(f);
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /** What Copy as text puts on the clipboard: the replay as {@code stage2scope replay} prints it. */
    String text() {
        VerifyModel m = model.get();
        return m == null ? "" : m.text();
    }

    private void copyAsText() {
        String t = text();
        if (!t.isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(t);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        }
    }

    Stage stage() {
        return stage;
    }

    /** The replay on screen, or null before the first one arrives or after Cancel. */
    ReadOnlyObjectProperty<VerifyModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    TableView<VerifyModel.Row> table() {
        return table;
    }

    List<String> columnTitles() {
        return table.getColumns().stream().map(TableColumn::getText).toList();
    }
}
