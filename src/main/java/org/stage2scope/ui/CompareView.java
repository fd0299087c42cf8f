package org.stage2scope.ui;

import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.CompareReport;

/**
 * View > Compare policies: the open scenario under every cacheable-PFNMAP policy side by side, in a
 * non-modal window that follows the document. A row where the policies disagree starts with "*" and is
 * bold on a tinted background; a cell that differs from upstream ends in "*" and is bold with a left
 * rule, so neither depends on colour alone.
 */
public final class CompareView {
    private final ScenarioDocument doc;
    private final Function<Scenario, List<Evaluation>> compare;
    private final Stage stage;
    private final Label heading = new Label();
    private final Label note = new Label();
    private final Label legend = new Label();
    private final Label problem = new Label();
    private final TableView<CompareModel.Row> memslots = table("compare-memslots");
    private final TableView<CompareModel.Row> stage2 = table("compare-stage2");
    private final TableView<CompareModel.Row> accesses = table("compare-accesses");
    private final ReadOnlyObjectWrapper<CompareModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final BorderPane root = new BorderPane();
    /** Comparisons of big scenarios run off the UI thread; a newer scenario cancels an older comparison. */
    private final LatestOnly<Computed> background = new LatestOnly<>(Platform::runLater);
    private boolean presentation;
    private final SplitPane tables;
    private String rowCounts = "";
    /** Where a selected row goes: the main window selects and zooms to it. */
    private java.util.function.Consumer<org.stage2scope.engine.Ref> onSelect = r -> { };
    private boolean filling;

    CompareView(ScenarioDocument doc, AppWindows windows) {
        this(doc, windows, Evaluator::compareAll);
    }

    /** @param compare one evaluation per policy (Evaluator.compareAll in the app) */
    CompareView(ScenarioDocument doc, AppWindows windows, Function<Scenario, List<Evaluation>> compare) {
        this.doc = doc;
        this.compare = compare;
        heading.getStyleClass().add("compare-heading");
        heading.setWrapText(true);
        legend.setWrapText(true);
        legend.setId("compare-legend");
        note.setId("compare-note");
        note.setWrapText(true);
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        problem.setId("compare-problem");
        problem.getStyleClass().add("finding-error");
        problem.setWrapText(true);
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        Button copy = new Button("Copy as text");
        copy.setId("compare-copy");
        copy.setOnAction(e -> copyAsText());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox top = new HBox(12, heading, spring, copy);
        VBox header = new VBox(4, top, note, legend, problem);
        header.setPadding(new Insets(8));
        tables = new SplitPane(MainWindow.titled("Memslot calls (KVM_SET_USER_MEMORY_REGION result)", memslots),
                MainWindow.titled("Stage-2 map (stage-2 type and block -> effective type with the guest's stage 1)", stage2),
                MainWindow.titled("Guest accesses (outcome, stage-2 type -> effective type)", accesses));
        tables.setOrientation(Orientation.VERTICAL);
        tables.setDividerPositions(0.3, 0.62);
        root.setTop(header);
        root.setCenter(tables);
        root.getStyleClass().add("compare");
        // Sized to the tables once they are filled (sizeToTables), never larger than the screen.
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage = windows.child("Stage2Scope \u2014 compare policies", root, Math.min(1400, screen.getWidth()),
                Math.min(820, screen.getHeight() - 40));
        follow(memslots, CompareModel::memslots);
        follow(stage2, CompareModel::stage2);
        follow(accesses, CompareModel::accesses);
        doc.scenarioProperty().addListener((o, a, s) -> {
            if (stage.isShowing()) {
                refresh();
            }
        });
    }

    /** A row the user selects is selected in the main window (not while the tables are being refilled). */
    private void follow(TableView<CompareModel.Row> t, Function<CompareModel, CompareModel.Table> which) {
        t.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            CompareModel m = model.get();
            if (r != null && m != null && !filling) {
                onSelect.accept(m.ref(which.apply(m), r));
            }
        });
    }

    /** @param select called with the Ref of the row the user selects */
    public void setOnSelect(java.util.function.Consumer<org.stage2scope.engine.Ref> select) {
        onSelect = select == null ? r -> { } : select;
    }

    private static TableView<CompareModel.Row> table(String id) {
        TableView<CompareModel.Row> t = new TableView<>();
        t.setPlaceholder(new Label("none"));
        t.setId(id);
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        RowMarks.markDiffering(t, CompareModel.Row::differs);
        return t;
    }

    /** Shows the window (or brings it forward) on the current scenario. */
    public void show() {
        refresh();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    /** The tables on screen, or null before the first comparison or after an engine failure. */
    public CompareModel model() {
        return model.get();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<CompareModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public TableView<CompareModel.Row> table(CompareModel.Table which) {
        return which.title().startsWith("Memslot") ? memslots : which.title().startsWith("Stage") ? stage2 : accesses;
    }

    /** Bigger type for a projector, following the main window's presentation mode. */
    public void setPresentation(boolean on) {
        presentation = on;
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
        }
        CompareModel m = model.get();
        if (m != null) {
            autosize(memslots, m.memslots());
            autosize(stage2, m.stage2());
            autosize(accesses, m.accesses());
        }
    }

    /** True when the dark style is on (View > Dark theme in the main window, applied by AppWindows). */
    public boolean isDark() {
        return root.getStyleClass().contains(AppWindows.DARK);
    }

    /** What Copy as text puts on the clipboard: {@link CompareReport#text}, as {@code stage2scope compare} prints it. */
    public String text() {
        CompareModel m = model.get();
        return m == null ? "" : CompareReport.text(m.comparison());
    }

    private void copyAsText() {
        String t = text();
        if (t.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(t);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    void refresh() {
        Scenario s = doc.scenario();
        if (s == null) {
            background.runNow(() -> new Computed(null, "No scenario is open."), this::apply);
            return;
        }
        if (s.memslots().size() < ScenarioDocument.ASYNC_MEMSLOTS) {
            background.runNow(() -> compute(s), this::apply);
            return;
        }
        // Five evaluations of a stress scenario take seconds: keep the window responsive.
        problem.setText("Comparing " + s.memslots().size() + " memslot calls under every policy\u2026");
        background.submit(() -> compute(s), this::apply);
    }

    /** True while a comparison runs in the background (tests). */
    boolean comparing() {
        return background.pending();
    }

    /** The rows of a comparison, or why there are none. */
    private record Computed(CompareModel model, String failure) { }

    private Computed compute(Scenario s) {
        try {
            return new Computed(CompareModel.of(Comparison.of(s, compare)), null);
        } catch (RuntimeException e) {
            return new Computed(null, "The engine could not compare this scenario: " + e.getMessage());
        }
    }

    private void apply(Computed computed) {
        CompareModel m = computed.model();
        String failure = computed.failure();
        problem.setText(failure == null ? "" : failure);
        model.set(m);
        if (m == null) {
            memslots.getItems().clear();
            stage2.getItems().clear();
            accesses.getItems().clear();
            return;
        }
        Scenario s = m.scenario();
        heading.setText(s.title() + "   \u2014   host " + s.host().arch().id()
                + ", features: " + (s.host().features().isEmpty() ? "none"
                        : String.join(" ", s.host().features().stream().sorted().map(CpuFeature::id).toList())));
        Comparison cmp = m.comparison();
        note.setText(cmp.note().isEmpty() ? "" : cmp.note() + "\n" + String.join("\n",
                cmp.columns().stream().map(col -> "    " + col.id() + ": " + col.description()).toList()));
        legend.setText("* at the start of a row: the columns disagree (row bold, tinted).   \"EINVAL *\": differs from "
                + CompareReport.baselineWords(cmp) + " (cell bold, left rule).   Cells read \"stage-2 type -> effective type\".");
        fill(memslots, m.memslots());
        fill(stage2, m.stage2());
        fill(accesses, m.accesses());
        // Give each table room for its rows (plus header and scroll bar); only when the counts change,
        // so a divider the user dragged stays put across edits.
        String counts = m.memslots().rows().size() + "/" + m.stage2().rows().size() + "/" + m.accesses().rows().size();
        if (!counts.equals(rowCounts)) {
            rowCounts = counts;
            double a = Math.min(m.memslots().rows().size(), 12) + 3;
            double b = Math.min(m.stage2().rows().size(), 12) + 3;
            double c = Math.min(m.accesses().rows().size(), 12) + 3;
            tables.setDividerPositions(a / (a + b + c), (a + b) / (a + b + c));
            sizeToTables(a + b + c);
        }
    }

    /**
     * The window as wide as its widest table and as tall as its rows (12 per table at most), up to the
     * screen; beyond that the tables scroll.
     */
    private void sizeToTables(double rows) {
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = 0;
        for (TableView<CompareModel.Row> t : List.of(memslots, stage2, accesses)) {
            w = Math.max(w, t.getColumns().stream().mapToDouble(TableColumn::getPrefWidth).sum());
        }
        // Borders, the vertical scroll bar and the titled panes' insets.
        w += 48;
        double h = rows * memslots.getFixedCellSize() + 3 * 40 + 150 + (note.getText().isEmpty() ? 0 : 6 * memslots.getFixedCellSize());
        stage.setWidth(Math.min(w, screen.getWidth()));
        stage.setHeight(Math.min(h, screen.getHeight() - 40));
        // Grown where it stood, the window can reach past the screen's right or bottom edge (a 2,400 px wide
        // comparison opened at x = 580): move it back so all of it is on the screen.
        if (!Double.isNaN(stage.getX()) && stage.getX() + stage.getWidth() > screen.getMaxX()) {
            stage.setX(Math.max(screen.getMinX(), screen.getMaxX() - stage.getWidth()));
        }
        if (!Double.isNaN(stage.getY()) && stage.getY() + stage.getHeight() > screen.getMaxY()) {
            stage.setY(Math.max(screen.getMinY(), screen.getMaxY() - stage.getHeight()));
        }
    }

    /** The width {@link #autosize} gives a table (tests compare it with the text's measured width). */
    public static double measure(String text, boolean presentation) {
        return width(font(presentation), text);
    }

    private static javafx.scene.text.Font font(boolean presentation) {
        return javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, presentation ? 20 : 15);
    }

    private void fill(TableView<CompareModel.Row> t, CompareModel.Table table) {
        List<String> heads = t.getColumns().stream().map(TableColumn::getText).toList();
        List<String> want = new java.util.ArrayList<>(List.of("*"));
        want.addAll(table.keyHeads());
        want.addAll(table.policies());
        if (!heads.equals(want)) {
            t.getColumns().clear();
            TableColumn<CompareModel.Row, String> mark = new TableColumn<>("*");
            mark.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().differs() ? "*" : ""));
            mark.setPrefWidth(34);
            mark.setSortable(false);
            t.getColumns().add(mark);
            for (int i = 0; i < table.keyHeads().size(); i++) {
                int k = i;
                TableColumn<CompareModel.Row, String> col = new TableColumn<>(table.keyHeads().get(i));
                col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().key().get(k)));
                col.setCellFactory(c -> new TableCell<>() {
                    @Override
                    protected void updateItem(String v, boolean empty) {
                        super.updateItem(v, empty);
                        setText(empty ? null : v);
                        setTooltip(empty || v == null || v.isEmpty() ? null : new javafx.scene.control.Tooltip(v));
                    }
                });
                col.setSortable(false);
                t.getColumns().add(col);
            }
            for (int i = 0; i < table.policies().size(); i++) {
                int p = i;
                TableColumn<CompareModel.Row, PolicyValue> col = new TableColumn<>(table.policies().get(i));
                col.setId("policy-" + table.policies().get(i));
                col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                        new PolicyValue(c.getValue().cells().get(p), c.getValue().offUpstream().get(p))));
                col.setCellFactory(c -> new PolicyCell());
                col.setSortable(false);
                t.getColumns().add(col);
            }
        }
        filling = true;
        try {
            t.getItems().setAll(table.rows());
        } finally {
            filling = false;
        }
        autosize(t, table);
    }

    /**
     * Columns as wide as their widest text (heading included) in bold at the window's font size, measured
     * with the font's real metrics, so nothing is cut off with "..." (a marked row is bold). Rows get a
     * fixed height from the same font, so the window can size itself to them.
     */
    private void autosize(TableView<CompareModel.Row> t, CompareModel.Table table) {
        javafx.scene.text.Font bold = font(presentation);
        t.setFixedCellSize(Math.ceil(bold.getSize() * 1.25) + 10);
        t.getColumns().get(0).setPrefWidth(width(bold, "*") + 28);
        for (int i = 0; i < table.keyHeads().size(); i++) {
            int k = i;
            double w = width(bold, table.keyHeads().get(i));
            for (CompareModel.Row r : table.rows()) {
                w = Math.max(w, width(bold, r.key().get(k)));
            }
            t.getColumns().get(1 + i).setPrefWidth(w + 28);
        }
        for (int i = 0; i < table.policies().size(); i++) {
            double w = width(bold, table.policies().get(i));
            for (CompareModel.Row r : table.rows()) {
                w = Math.max(w, width(bold, r.cells().get(i) + " *"));
            }
            t.getColumns().get(1 + table.keyHeads().size() + i).setPrefWidth(w + 28);
        }
    }

    private static double width(javafx.scene.text.Font f, String text) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(f);
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /** A policy's result and whether it differs from the upstream column. */
    record PolicyValue(String text, boolean offUpstream) {}

    /** Bold with a trailing "*" when the result differs from upstream. */
    static final class PolicyCell extends TableCell<CompareModel.Row, PolicyValue> {
        @Override
        protected void updateItem(PolicyValue v, boolean empty) {
            super.updateItem(v, empty);
            getStyleClass().remove("off-upstream");
            if (empty || v == null) {
                setText(null);
                return;
            }
            setText(v.offUpstream() ? v.text() + " *" : v.text());
            if (v.offUpstream()) {
                getStyleClass().add("off-upstream");
            }
        }
    }
}
