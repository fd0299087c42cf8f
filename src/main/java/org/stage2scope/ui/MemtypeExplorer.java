package org.stage2scope.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;
import org.stage2scope.engine.grid.ScenarioCells;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.io.GridCsv;
import org.stage2scope.model.Arch;
import org.stage2scope.model.U64;
import org.stage2scope.render.GridLayout;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Styles;
import org.stage2scope.render.SvgPainter;
import org.stage2scope.render.Theme;

/**
 * View > Memory types: the stage-1 x stage-2 grid of each architecture, non-modal, bound to a
 * {@link MemtypeExplorerModel}. Arch tabs, the FWB and IPAT switches, every cell named; a click
 * explains the cell and selects the open scenario's ranges in it in the main window. Highlights use
 * markers, borders and weight besides colour: {@value GridLayout#LESS} dashed = less cacheable than stage 2
 * allows, {@value GridLayout#CHANGED} bold = the switch changes it, {@value GridLayout#SCENARIO} = the
 * scenario has ranges here.
 */
public final class MemtypeExplorer {
    private final MemtypeExplorerModel model = new MemtypeExplorerModel();
    private final AppWindows windows;
    private final Stage stage;
    private final Label title = new Label();
    /** The cells; column heads and row heads are separate grids that follow its scrolling (frozen heads). */
    private final GridPane cells = new GridPane();
    private final GridPane colHeads = new GridPane();
    private final GridPane rowHeads = new GridPane();
    private final ScrollPane scroll = new ScrollPane();
    private final Label explain = new Label();
    private final ListView<Ref.GpaRange> ranges = new ListView<>();
    private final ToggleGroup archGroup = new ToggleGroup();
    private Consumer<List<Ref.GpaRange>> onSelectRanges = r -> { };
    private Label selectedNode;

    MemtypeExplorer(AppWindows windows) {
        this.windows = windows;
        HBox tabs = new HBox(0, archTab("arm64", Arch.ARM64), archTab("Intel EPT", Arch.X86_INTEL),
                archTab("AMD NPT (modelled)", Arch.X86_AMD));
        tabs.getStyleClass().add("mx-tabs");
        CheckBox fwb = new CheckBox("FWB (HCR_EL2.FWB, FEAT_S2FWB)");
        fwb.setId("mx-fwb");
        fwb.selectedProperty().bindBidirectional(model.fwbProperty());
        CheckBox ipat = new CheckBox("IPAT (EPT bit 6)");
        ipat.setId("mx-ipat");
        ipat.selectedProperty().bindBidirectional(model.ipatProperty());
        CheckBox all = new CheckBox("All 256 MAIR bytes");
        all.setId("mx-all");
        all.selectedProperty().bindBidirectional(model.allRowsProperty());
        fwb.disableProperty().bind(model.archProperty().isNotEqualTo(Arch.ARM64));
        all.disableProperty().bind(model.archProperty().isNotEqualTo(Arch.ARM64));
        ipat.disableProperty().bind(model.archProperty().isNotEqualTo(Arch.X86_INTEL));
        Button png = exportButton("mx-export-png", "Export PNG\u2026", "png");
        Button svg = exportButton("mx-export-svg", "Export SVG\u2026", "svg");
        Button csv = exportButton("mx-export-csv", "Export CSV\u2026", "csv");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(12, tabs, fwb, ipat, all, spring, png, svg, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        title.setId("mx-title");
        title.getStyleClass().add("mx-title");
        Label legend = new Label(GridLayout.LESS + " dashed border: stage 1 makes it less cacheable than stage 2 allows "
                + "(without FWB the host must clean caches first)    " + GridLayout.CHANGED + " bold: flipping the switch changes it    "
                + GridLayout.SCENARIO + ": the open scenario has ranges here    framed heads: what KVM writes");
        legend.setWrapText(true);
        VBox top = new VBox(6, bar, title, legend);
        top.setPadding(new Insets(8));

        cells.setId("mx-grid");
        for (GridPane g : List.of(cells, colHeads, rowHeads)) {
            g.getStyleClass().add("mx-grid");
        }
        scroll.setContent(cells);
        Label corner = new Label("stage 1 \\ stage 2");
        corner.getStyleClass().add("mx-head");
        javafx.scene.layout.Pane top1 = follow(colHeads, true);
        javafx.scene.layout.Pane left1 = follow(rowHeads, false);
        GridPane frame = new GridPane();
        frame.add(corner, 0, 0);
        frame.add(top1, 1, 0);
        frame.add(left1, 0, 1);
        frame.add(scroll, 1, 1);
        GridPane.setHgrow(scroll, Priority.ALWAYS);
        GridPane.setVgrow(scroll, Priority.ALWAYS);
        GridPane.setHgrow(top1, Priority.ALWAYS);
        GridPane.setVgrow(left1, Priority.ALWAYS);
        explain.setId("mx-explain");
        explain.setWrapText(true);
        explain.textProperty().bind(model.explanationProperty());
        explain.setMinHeight(Region.USE_PREF_SIZE);
        ranges.setId("mx-ranges");
        ranges.setPrefWidth(260);
        ranges.setMinWidth(260);
        ranges.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Ref.GpaRange r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : U64.hex(r.gpa()) + "  " + U64.size(r.size()));
            }
        });
        ranges.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                onSelectRanges.accept(List.of(r));
            }
        });
        ranges.setPlaceholder(new Label("No scenario range here"));
        HBox bottom = new HBox(8, explain, ranges);
        HBox.setHgrow(explain, Priority.ALWAYS);
        bottom.setPadding(new Insets(8));
        bottom.setPrefHeight(190);

        BorderPane root = new BorderPane(frame, top, null, bottom, null);
        root.getStyleClass().add("memtypes");
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage = windows.child("Stage2Scope \u2014 memory types", root, Math.min(1500, screen.getWidth()),
                Math.min(900, screen.getHeight() - 40), "memtypes.css");
        model.gridProperty().addListener((o, a, g) -> fill(g));
        model.selectedProperty().addListener((o, a, k) -> showSelected());
        model.archProperty().addListener((o, a, arch) -> selectTab(arch));
        selectTab(model.archProperty().get());
        fill(model.grid());
    }

    private ToggleButton archTab(String text, Arch arch) {
        ToggleButton b = new ToggleButton(text);
        b.setId("mx-arch-" + arch.id());
        b.setToggleGroup(archGroup);
        b.setUserData(arch);
        b.setOnAction(e -> {
            model.archProperty().set(arch);
            b.setSelected(true);
        });
        return b;
    }

    private void selectTab(Arch arch) {
        archGroup.getToggles().forEach(t -> t.setSelected(t.getUserData() == arch));
    }

    public MemtypeExplorerModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    /** @param select called with the scenario's ranges in a clicked cell (or one range picked from the list) */
    public void setOnSelectRanges(Consumer<List<Ref.GpaRange>> select) {
        onSelectRanges = select == null ? r -> { } : select;
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** The on-screen node of a cell (tests click it), or null. */
    public Label cellNode(String row, String column) {
        return (Label) cells.lookup("#" + cellId(row, column));
    }

    static String cellId(String row, String column) {
        return "mx-cell-" + (row + "-" + column).replaceAll("[^A-Za-z0-9]", "_");
    }

    /** A clipped pane holding {@code heads}, shifted as the body scrolls (horizontally or vertically). */
    private javafx.scene.layout.Pane follow(GridPane heads, boolean horizontal) {
        javafx.scene.layout.Pane p = new javafx.scene.layout.Pane(heads);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(p.widthProperty());
        clip.heightProperty().bind(p.heightProperty());
        p.setClip(clip);
        if (horizontal) {
            p.minHeightProperty().bind(heads.heightProperty());
            p.setMinWidth(0);
            p.setPrefWidth(0);
            heads.translateXProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> -scroll.getHvalue() * Math.max(0, cells.getWidth() - scroll.getViewportBounds().getWidth()),
                    scroll.hvalueProperty(), cells.widthProperty(), scroll.viewportBoundsProperty()));
        } else {
            p.minWidthProperty().bind(heads.widthProperty());
            p.setMinHeight(0);
            p.setPrefHeight(0);
            heads.translateYProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> -scroll.getVvalue() * Math.max(0, cells.getHeight() - scroll.getViewportBounds().getHeight()),
                    scroll.vvalueProperty(), cells.heightProperty(), scroll.viewportBoundsProperty()));
        }
        return p;
    }

    private static double textWidth(String s, javafx.scene.text.Font f) {
        double w = 0;
        for (String line : s.split("\n")) {
            javafx.scene.text.Text t = new javafx.scene.text.Text(line);
            t.setFont(f);
            w = Math.max(w, t.getLayoutBounds().getWidth());
        }
        return Math.ceil(w);
    }

    private void fill(MemtypeGrid g) {
        for (GridPane p : List.of(cells, colHeads, rowHeads)) {
            p.getChildren().clear();
            p.getColumnConstraints().clear();
            p.getRowConstraints().clear();
        }
        selectedNode = null;
        title.setText(g.title() + (g.modelled() ? "   (modelled: AMD APM Table 15-19 cells are not in the reference)" : ""));
        Map<ScenarioCells.Key, List<Ref.GpaRange>> inScenario = model.scenarioCells();
        // Fixed sizes measured with the window's bold font, so the three grids line up exactly.
        javafx.scene.text.Font bold = javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize());
        double line = Math.ceil(bold.getSize() * 1.4);
        double cellH = 2 * line + 10;
        double groupH = line + 8;
        int kvmLines = 0;
        double rowHeadW = textWidth("stage 1 \\ stage 2", bold);
        for (MemtypeGrid.Axis r : g.rows()) {
            rowHeadW = Math.max(rowHeadW, Math.max(textWidth(r.id(), bold), textWidth(r.name(), bold)));
        }
        rowHeads.getColumnConstraints().add(fixed(rowHeadW + 20));
        for (int k = 0; k < g.columns().size(); k++) {
            MemtypeGrid.Axis c = g.columns().get(k);
            GridCell first = g.cell(0, k);
            StringBuilder kvm = new StringBuilder();
            first.kvm().forEach(w -> kvm.append("\nKVM: ").append(w.what()));
            kvmLines = Math.max(kvmLines, first.kvm().size());
            Label h = head(c.id(), c.name() + kvm);
            if (first.kvmWrites()) {
                h.getStyleClass().add("mx-kvm");
            }
            double w = textWidth(h.getText(), bold);
            for (int r = 0; r < g.rows().size(); r++) {
                String[] t = GridLayout.cellLines(g.cell(r, k), true);
                w = Math.max(w, 18 + Math.max(textWidth(t[0], bold), textWidth(t[1], bold)));
            }
            javafx.scene.layout.ColumnConstraints cc = fixed(w + 24);
            colHeads.getColumnConstraints().add(cc);
            cells.getColumnConstraints().add(fixed(w + 24));
            colHeads.add(h, k, 0);
        }
        colHeads.getRowConstraints().add(fixedH((2 + kvmLines) * line + 12));
        int gridRow = 0;
        String group = null;
        boolean grouped = g.rows().stream().map(MemtypeGrid.Axis::group).distinct().count() > 1;
        Theme theme = Theme.light();
        for (int r = 0; r < g.rows().size(); r++) {
            MemtypeGrid.Axis row = g.rows().get(r);
            if (grouped && !row.group().equals(group)) {
                group = row.group();
                Label gl = new Label(group);
                gl.getStyleClass().add("mx-group");
                gl.setMaxWidth(Double.MAX_VALUE);
                gl.setMaxHeight(Double.MAX_VALUE);
                Region band = new Region();
                band.getStyleClass().add("mx-group");
                rowHeads.add(gl, 0, gridRow);
                cells.add(band, 0, gridRow, g.columns().size(), 1);
                rowHeads.getRowConstraints().add(fixedH(groupH));
                cells.getRowConstraints().add(fixedH(groupH));
                gridRow++;
            }
            rowHeads.add(head(row.id(), row.name()), 0, gridRow);
            rowHeads.getRowConstraints().add(fixedH(cellH));
            cells.getRowConstraints().add(fixedH(cellH));
            for (int k = 0; k < g.columns().size(); k++) {
                GridCell c = g.cell(r, k);
                ScenarioCells.Key key = new ScenarioCells.Key(row.id(), c.column().id());
                cells.add(cellLabel(c, key, inScenario.containsKey(key), theme), k, gridRow);
            }
            gridRow++;
        }
        showSelected();
    }

    private static javafx.scene.layout.ColumnConstraints fixed(double w) {
        javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints(w, w, w);
        c.setFillWidth(true);
        return c;
    }

    private static javafx.scene.layout.RowConstraints fixedH(double h) {
        javafx.scene.layout.RowConstraints c = new javafx.scene.layout.RowConstraints(h, h, h);
        c.setFillHeight(true);
        return c;
    }

    private static Label head(String id, String name) {
        Label l = new Label(id + (name.isEmpty() ? "" : "\n" + name));
        l.getStyleClass().add("mx-head");
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        return l;
    }

    private Label cellLabel(GridCell c, ScenarioCells.Key key, boolean inScenario, Theme theme) {
        String[] lines = GridLayout.cellLines(c, inScenario);
        Label l = new Label(lines[1].isEmpty() ? lines[0] : lines[0] + "\n" + lines[1]);
        l.setId(cellId(key.row(), key.column()));
        l.getStyleClass().add("mx-cell");
        if (c.lessCacheable()) {
            l.getStyleClass().add("mx-less");
        }
        if (c.switchChanges()) {
            l.getStyleClass().add("mx-changed");
        }
        if (inScenario) {
            l.getStyleClass().add("mx-scenario");
        }
        Region swatch = new Region();
        swatch.getStyleClass().add("mx-swatch");
        int rgb = theme.fill(Styles.memClass(c.combined().memClass()));
        swatch.setStyle(String.format(Locale.ROOT, "-fx-background-color: #%06x;", rgb));
        swatch.setMinSize(10, 30);
        swatch.setPrefSize(10, 30);
        l.setGraphic(swatch);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        l.setOnMouseClicked(e -> {
            model.selectedProperty().set(null);
            model.selectedProperty().set(key);
            List<Ref.GpaRange> rs = model.selectedRanges();
            if (!rs.isEmpty()) {
                onSelectRanges.accept(rs);
            }
        });
        return l;
    }

    private void showSelected() {
        if (selectedNode != null) {
            selectedNode.getStyleClass().remove("mx-selected");
        }
        ScenarioCells.Key k = model.selectedProperty().get();
        selectedNode = k == null ? null : cellNode(k.row(), k.column());
        if (selectedNode != null) {
            selectedNode.getStyleClass().add("mx-selected");
            Node n = selectedNode;
            javafx.application.Platform.runLater(() -> scrollIntoView(n));
        }
        ranges.getItems().setAll(model.selectedRanges());
    }

    /** Scrolls a cell into view (the user's scroll bars, for tests and the effective-band link). */
    public void reveal(String row, String column) {
        Label l = cellNode(row, column);
        if (l != null) {
            cells.applyCss();
            cells.layout();
            scrollIntoView(l);
        }
    }

    private void scrollIntoView(Node n) {
        ScrollPane sp = scroll;
        double w = cells.getWidth() - sp.getViewportBounds().getWidth();
        double h = cells.getHeight() - sp.getViewportBounds().getHeight();
        var b = n.getBoundsInParent();
        if (w > 0) {
            sp.setHvalue(Math.max(0, Math.min(1, (b.getMinX() - 100) / w)));
        }
        if (h > 0) {
            sp.setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 100) / h)));
        }
    }

    private Button exportButton(String id, String text, String format) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(text);
            fc.setInitialFileName("memtypes-" + model.grid().arch().id() + "." + format);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toUpperCase(Locale.ROOT), "*." + format));
            java.io.File f = fc.showSaveDialog(stage);
            if (f != null) {
                try {
                    export(f.toPath(), format);
                } catch (IOException ex) {
                    explainFailure(f.toPath(), ex);
                }
            }
        });
        return b;
    }

    /** Writes the grid on screen (with the scenario's marks) as png, svg or csv, atomically. */
    public void export(Path file, String format) throws IOException {
        MemtypeGrid g = model.grid();
        var scene = GridLayout.scene(g, model.scenarioCells().keySet(), Theme.light());
        switch (format) {
            case "png" -> PngPainter.write(scene, 1, file);
            case "svg" -> AtomicFile.write(file, out -> out.write(SvgPainter.paint(scene).getBytes(StandardCharsets.UTF_8)));
            case "csv" -> AtomicFile.write(file, out -> out.write(GridCsv.csv(g).getBytes(StandardCharsets.UTF_8)));
            default -> throw new IllegalArgumentException("unknown export format " + format);
        }
    }

    private void explainFailure(Path file, IOException ex) {
        javafx.scene.control.Alert a = windows.alert(stage, javafx.scene.control.Alert.AlertType.ERROR,
                "Could not write " + file + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        a.show();
    }
}
