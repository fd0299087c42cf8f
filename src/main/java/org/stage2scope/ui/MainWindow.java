package org.stage2scope.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.Sample;
import org.stage2scope.io.ReportJson;
import org.stage2scope.io.ReportText;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.io.qemu.ImportException;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.io.qemu.ImportResult;
import org.stage2scope.io.qemu.QemuImporter;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * The main window: menus, the teaching toolbar, the lanes, inspector, findings and explanation.
 * Every change goes through the ScenarioDocument; this class wires views to it and does file I/O.
 */
public final class MainWindow {
    private static final int RECENT_MAX = 8;

    private final ScenarioDocument doc;
    private final Stage stage;
    private final BandView bands = new BandView();
    private final InspectorView inspector;
    private final ListView<FindingRow> findings = new ListView<>();
    private final TextArea explanation = new TextArea();
    private final Label status = new Label();
    private final ToggleButton fwb = new ToggleButton("FWB");
    private final ToggleButton dic = new ToggleButton("DIC");
    private final ComboBox<PolicyId> policy = new ComboBox<>(FXCollections.observableArrayList(PolicyId.values()));
    private final ComboBox<Arch> arch = new ComboBox<>(FXCollections.observableArrayList(Arch.values()));
    private final ToggleButton present = new ToggleButton("Presentation");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    private final Menu recentMenu = new Menu("Open recent");
    private final BorderPane root = new BorderPane();
    private final javafx.scene.Scene fxScene;
    private boolean syncing;
    private CompareView compareView;

    /** Asks "discard unsaved changes?"; tests replace it. */
    private Predicate<String> confirm = this::confirmDialog;
    /** Shows an error sentence; tests replace it. */
    private java.util.function.Consumer<String> errorSink = this::errorDialog;

    public MainWindow(ScenarioDocument doc, Stage stage) {
        this.doc = doc;
        this.stage = stage;
        root.setTop(new VBox(menus(), toolbar()));
        inspector = new InspectorView(doc);
        inspector.setPrefWidth(360);
        findings.setId("findings");
        findings.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(FindingRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("finding-error", "finding-warning");
                setText(empty || r == null ? null : r.toString());
                setTooltip(empty || r == null ? null : new javafx.scene.control.Tooltip(r.toString()));
                if (getTooltip() != null) {
                    getTooltip().setWrapText(true);
                    getTooltip().setMaxWidth(640);
                }
                if (!empty && r != null) {
                    switch (r.severity()) {
                        case ERROR -> getStyleClass().add("finding-error");
                        case WARNING -> getStyleClass().add("finding-warning");
                        default -> { }
                    }
                }
            }
        });
        findings.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null && !syncing && !(r.ref() instanceof Ref.None)) {
                bands.selectionProperty().set(r.ref());
                bands.zoomToSelection();
            }
        });
        explanation.setId("explanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        SplitPane bottom = new SplitPane(titled("Findings and memslot calls", findings), titled("Explanation", explanation));
        bottom.setDividerPositions(0.45);
        SplitPane left = new SplitPane(bands, bottom);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.66);
        SplitPane main = new SplitPane(left, inspector);
        main.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(inspector, false);
        root.setCenter(main);
        status.getStyleClass().add("status-bar");
        status.setId("status");
        status.setMaxWidth(Double.MAX_VALUE);
        root.setBottom(status);

        fxScene = new javafx.scene.Scene(root, 1200, 760);
        var css = MainWindow.class.getResource("app.css");
        if (css != null) {
            fxScene.getStylesheets().add(css.toExternalForm());
        }
        fxScene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), doc::redo);
        fxScene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        fxScene.setOnDragDropped(e -> {
            e.setDropCompleted(openDropped(e.getDragboard().getFiles()));
            e.consume();
        });
        stage.setScene(fxScene);
        stage.titleProperty().bind(doc.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!confirm.test("quit")) {
                e.consume();
            }
        });

        doc.evaluationProperty().addListener((o, a, ev) -> refresh());
        // A new evaluation follows every scenario change except while a big one evaluates in the background
        // or when the engine failed; refresh once, not twice, per edit (a stress layout is not free).
        doc.scenarioProperty().addListener((o, a, s) -> {
            if (doc.busyProperty().get() || doc.evaluation() == null) {
                refresh();
            }
        });
        doc.messageProperty().addListener((o, a, m) -> status.setText(m));
        // "P" toggles presentation mode from the lanes (F5 works everywhere; P only here, where no text field eats it).
        bands.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.P && !e.isShortcutDown() && !e.isAltDown() && !e.isShiftDown()) {
                present.setSelected(!present.isSelected());
                e.consume();
            }
        });
        bands.selectionProperty().addListener((o, a, ref) -> refreshSelection());
        present.selectedProperty().addListener((o, a, b) -> applyTheme());
        darkItem.selectedProperty().addListener((o, a, b) -> applyTheme());
        updateRecentMenu();
    }

    /** A panel with the app's title strip above it (shared by the main window and the compare window). */
    static javafx.scene.Node titled(String title, javafx.scene.Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("panel-title");
        BorderPane p = new BorderPane(content);
        p.setTop(l);
        return p;
    }

    public void show() {
        stage.show();
        bands.requestFocus();
    }

    // ------------------------------------------------------------------ accessors for tests

    public ScenarioDocument document() {
        return doc;
    }

    public BandView bandView() {
        return bands;
    }

    public ListView<FindingRow> findingsList() {
        return findings;
    }

    public TextArea explanationArea() {
        return explanation;
    }

    public javafx.scene.Scene fxScene() {
        return fxScene;
    }

    public void setConfirm(Predicate<String> c) {
        confirm = c;
    }

    public void setErrorSink(java.util.function.Consumer<String> sink) {
        errorSink = sink;
    }

    // ------------------------------------------------------------------ menus and toolbar

    private MenuBar menus() {
        Menu file = new Menu("File");
        MenuItem newItem = item("New", "Shortcut+N", () -> {
            if (confirm.test("start a new scenario")) {
                doc.load(blankScenario(), null);
            }
        });
        MenuItem open = item("Open\u2026", "Shortcut+O", this::openDialog);
        Menu samples = new Menu("Open sample");
        samples.setId("menu-samples");
        List<Sample> list;
        try {
            list = SampleCatalog.list();
        } catch (RuntimeException e) {
            list = List.of();
        }
        for (Sample s : list) {
            MenuItem mi = new MenuItem(s.title());
            mi.setOnAction(e -> {
                if (confirm.test("open " + s.title())) {
                    openSample(s.fileName());
                }
            });
            samples.getItems().add(mi);
        }
        if (samples.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no bundled samples)");
            none.setDisable(true);
            samples.getItems().add(none);
        }
        MenuItem save = item("Save", "Shortcut+S", this::save);
        MenuItem saveAs = item("Save As\u2026", "Shortcut+Shift+S", this::saveAsDialog);
        MenuItem importQemu = item("Import from QEMU\u2026", "Shortcut+I", this::importDialog);
        MenuItem saveReport = item("Save report\u2026", "Shortcut+R", this::saveReportDialog);
        MenuItem png1 = item("Export PNG (1x)\u2026", null, () -> exportDialog("png", 1, false));
        MenuItem png2 = item("Export PNG (2x)\u2026", "Shortcut+E", () -> exportDialog("png", 2, false));
        MenuItem svg = item("Export SVG\u2026", null, () -> exportDialog("svg", 1, false));
        MenuItem pngVis = item("Export visible part as PNG\u2026", null, () -> exportDialog("png", 2, true));
        MenuItem svgVis = item("Export visible part as SVG\u2026", null, () -> exportDialog("svg", 1, true));
        MenuItem copy = item("Copy picture", "Shortcut+Shift+C", this::copyPicture);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            if (confirm.test("quit")) {
                Platform.exit();
            }
        });
        file.getItems().addAll(newItem, open, samples, recentMenu, importQemu, new SeparatorMenuItem(), save, saveAs,
                saveReport, new SeparatorMenuItem(), png1, png2, svg, pngVis, svgVis, copy, new SeparatorMenuItem(), quit);

        Menu edit = new Menu("Edit");
        MenuItem undo = item("Undo", "Shortcut+Z", doc::undo);
        undo.disableProperty().bind(doc.canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", doc::redo);
        redo.disableProperty().bind(doc.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Add VMA", null, this::addVma), item("Add memslot call", null, this::addMemslot),
                item("Add guest access", null, this::addAccess),
                item("Add stage-1 range for the selected GPA range", null, this::addStage1ForSelection),
                item("Remove selected", "Delete", this::removeSelected));

        Menu viewMenu = new Menu("View");
        CheckMenuItem presentItem = new CheckMenuItem("Presentation mode");
        presentItem.setAccelerator(KeyCombination.keyCombination("F5"));
        presentItem.selectedProperty().bindBidirectional(present.selectedProperty());
        viewMenu.getItems().addAll(item("Fit all", "Shortcut+0", bands::fitAll),
                item("Zoom to selection", "Shortcut+F", bands::zoomToSelection),
                item("Zoom in", "Shortcut+EQUALS", () -> bands.zoom(1.5)),
                item("Zoom out", "Shortcut+MINUS", () -> bands.zoom(1 / 1.5)), new SeparatorMenuItem(),
                item("Compare policies", "Shortcut+K", this::openCompare), new SeparatorMenuItem(), presentItem, darkItem);
        Menu help = new Menu("Help");
        help.getItems().add(item("Keys", null, () -> info("Wheel or +/- zoom, drag or arrows pan, 0 fits all, Z zooms to"
                + " the selection, F5 (or P on the lanes) presentation mode, Ctrl+K compare policies, Ctrl+Z / Ctrl+Shift+Z undo"
                + " and redo.")));
        return new MenuBar(file, edit, viewMenu, help);
    }

    private static MenuItem item(String text, String accel, Runnable r) {
        MenuItem mi = new MenuItem(text);
        if (accel != null) {
            mi.setAccelerator(KeyCombination.keyCombination(accel));
        }
        mi.setOnAction(e -> r.run());
        return mi;
    }

    private ToolBar toolbar() {
        fwb.setId("tb-fwb");
        dic.setId("tb-dic");
        policy.setId("tb-policy");
        arch.setId("tb-arch");
        present.setId("tb-present");
        fwb.setTooltip(new javafx.scene.control.Tooltip("FEAT_S2FWB: stage 2 can force write-back (arm64)"));
        dic.setTooltip(new javafx.scene.control.Tooltip("CTR_EL0.DIC: no I-cache invalidation needed (arm64)"));
        fwb.setOnAction(e -> toggleFeature(CpuFeature.FWB, fwb.isSelected()));
        dic.setOnAction(e -> toggleFeature(CpuFeature.DIC, dic.isSelected()));
        policy.setConverter(namedConverter());
        arch.setConverter(namedConverter());
        policy.valueProperty().addListener((o, a, p) -> {
            if (!syncing && p != null && doc.scenario() != null && p != doc.scenario().vm().policy()) {
                doc.edit("policy " + p.id(), s -> s.withVm(new Vm(s.vm().ipaBits(), s.vm().mte(), p, s.vm().quirks(),
                        s.vm().noncoherentDma())));
            }
        });
        arch.valueProperty().addListener((o, a, v) -> {
            if (!syncing && v != null && doc.scenario() != null && v != doc.scenario().host().arch()) {
                doc.edit("arch " + v.id(), s -> ArchSwitch.convert(s, v));
            }
        });
        Button fit = new Button("Fit all");
        fit.setOnAction(e -> bands.fitAll());
        Button zsel = new Button("Zoom to selection");
        zsel.setOnAction(e -> bands.zoomToSelection());
        Button undo = new Button("Undo");
        undo.setOnAction(e -> doc.undo());
        undo.disableProperty().bind(doc.canUndoProperty().not());
        Button compare = new Button("Compare");
        compare.setId("tb-compare");
        compare.setTooltip(new javafx.scene.control.Tooltip("This scenario under every cacheable-PFNMAP policy, side by side (Ctrl+K)"));
        compare.setOnAction(e -> openCompare());
        return new ToolBar(new Label("Host:"), fwb, dic, new Label(" Policy:"), policy, new Label(" Arch:"), arch,
                new Separator(), undo, fit, zsel, new Separator(), compare, present);
    }

    private static <E extends org.stage2scope.model.Named> javafx.util.StringConverter<E> namedConverter() {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : e.id();
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        };
    }

    /** The one-click teaching toggle: FWB/DIC on or off for the host (arm64 only). */
    public void toggleFeature(CpuFeature f, boolean on) {
        doc.edit(f.id() + (on ? " on" : " off"), s -> {
            Host h = s.host();
            return s.withHost(new Host(h.arch(), h.pageSize(), h.vaBits(),
                    InspectorModel.toggle(h.features(), f, on, CpuFeature.class)));
        });
    }

    /** View > Compare policies: one non-modal window, created on first use, following the document. */
    public CompareView openCompare() {
        if (compareView == null) {
            compareView = new CompareView(doc, stage);
            compareView.setPresentation(present.isSelected());
            compareView.setDark(darkItem.isSelected());
            compareView.setOnSelect(ref -> {
                bands.selectionProperty().set(ref);
                bands.zoomToSelection();
            });
        }
        compareView.show();
        return compareView;
    }

    /** The compare window if it was ever opened (tests). */
    public CompareView compareView() {
        return compareView;
    }

    private void applyTheme() {
        boolean dark = darkItem.isSelected();
        boolean p = present.isSelected();
        if (compareView != null) {
            compareView.setPresentation(p);
            compareView.setDark(dark);
        }
        bands.themeProperty().set(p ? Theme.presentation(dark) : dark ? Theme.dark() : Theme.light());
        root.getStyleClass().removeAll("dark", "presentation");
        if (dark) {
            root.getStyleClass().add("dark");
        }
        if (p) {
            root.getStyleClass().add("presentation");
        }
    }

    public void setPresentation(boolean on) {
        present.setSelected(on);
    }

    public void setDark(boolean on) {
        darkItem.setSelected(on);
    }

    // ------------------------------------------------------------------ refresh

    private void refresh() {
        Scenario s = doc.scenario();
        Evaluation ev = doc.evaluation();
        syncing = true;
        try {
            if (s != null) {
                boolean armHost = !s.host().arch().isX86();
                fwb.setDisable(!armHost);
                dic.setDisable(!armHost);
                fwb.setSelected(s.host().has(CpuFeature.FWB));
                dic.setSelected(s.host().has(CpuFeature.DIC));
                policy.setValue(s.vm().policy());
                arch.setValue(s.host().arch());
            }
            findings.getItems().setAll(FindingRow.of(ev));
        } finally {
            syncing = false;
        }
        Ref sel = bands.selectionProperty().get();
        if (s != null && !stillExists(s, sel)) {
            bands.selectionProperty().set(Ref.NONE);
        }
        bands.setEvaluation(ev, doc.changedRanges(), doc.messageProperty().get());
        refreshSelection();
    }

    private static boolean stillExists(Scenario s, Ref r) {
        if (r instanceof Ref.Vma v) {
            return v.index() < s.vmas().size();
        }
        if (r instanceof Ref.MemslotCall m) {
            return m.index() < s.memslots().size();
        }
        if (r instanceof Ref.Access a) {
            return a.index() < s.guest().accesses().size();
        }
        return true;
    }

    private void refreshSelection() {
        Scenario s = doc.scenario();
        if (s == null) {
            return;
        }
        Ref ref = bands.selectionProperty().get();
        inspector.show(InspectorModel.props(s, doc.evaluation(), ref));
        explanation.setText(InspectorModel.explain(doc.evaluation(), ref));
    }

    // ------------------------------------------------------------------ edits

    private void addVma() {
        doc.edit("added a VMA", s -> {
            long end = 0x7f0000000000L;
            for (Vma v : s.vmas()) {
                end = U64.max(end, v.end());
            }
            long start = U64.alignUp(end + (1L << 30), 1L << 30);
            List<Vma> l = new ArrayList<>(s.vmas());
            l.add(new Vma("vma" + l.size(), start, 1L << 30, Perms.RW_SHARED, Set.of(), MemType.defaultFor(s.host().arch()),
                    Backing.ram(s.host().pageSize().pageSize())));
            return s.withVmas(l);
        });
        bands.selectionProperty().set(new Ref.Vma(doc.scenario().vmas().size() - 1));
    }

    private void addMemslot() {
        doc.edit("added a memslot call", s -> {
            int slot = 0;
            long gpaEnd = 0x40000000L;
            for (MemslotCall c : s.memslots()) {
                slot = Math.max(slot, c.slot() + 1);
                gpaEnd = U64.max(gpaEnd, c.gpa() + c.size());
            }
            Ref sel = bands.selectionProperty().get();
            Vma target = sel instanceof Ref.Vma v && v.index() < s.vmas().size() ? s.vmas().get(v.index())
                    : s.vmas().isEmpty() ? null : s.vmas().get(s.vmas().size() - 1);
            long size = target == null ? 1L << 30 : target.size();
            long hva = target == null ? 0x7f0000000000L : target.start();
            List<MemslotCall> l = new ArrayList<>(s.memslots());
            l.add(new MemslotCall(Math.min(slot, 0xffff), 0, U64.alignUp(gpaEnd, 1L << 30), size, hva, Set.of(), 0, ""));
            return s.withMemslots(l);
        });
        bands.selectionProperty().set(new Ref.MemslotCall(doc.scenario().memslots().size() - 1));
    }

    private void addAccess() {
        doc.edit("added a guest access", s -> {
            Ref sel = bands.selectionProperty().get();
            long gpa = sel instanceof Ref.GpaRange g ? g.gpa()
                    : s.memslots().isEmpty() ? 0x40000000L : s.memslots().get(0).gpa();
            List<GuestAccess> l = new ArrayList<>(s.guest().accesses());
            l.add(new GuestAccess(gpa, GuestAccess.Kind.READ, ""));
            return s.withGuest(new Guest(s.guest().stage1(), l));
        });
        bands.selectionProperty().set(new Ref.Access(doc.scenario().guest().accesses().size() - 1));
    }

    /**
     * Edit > Add stage-1 range: appends a range over the selected stage-2/effective GPA range (the guest's
     * last-listed range wins where ranges overlap); anything else selected is refused in the status line.
     */
    public boolean addStage1ForSelection() {
        if (!(bands.selectionProperty().get() instanceof Ref.GpaRange g)) {
            status.setText("Select a GPA range in the stage-2 or effective lane first.");
            return false;
        }
        return doc.edit("added a stage-1 range at " + U64.hex(g.gpa()), s -> InspectorModel.addStage1(s, g));
    }

    private void removeSelected() {
        Ref sel = bands.selectionProperty().get();
        if (sel instanceof Ref.Vma v) {
            doc.edit("removed a VMA", s -> {
                List<Vma> l = new ArrayList<>(s.vmas());
                l.remove(v.index());
                return s.withVmas(l);
            });
        } else if (sel instanceof Ref.MemslotCall m) {
            doc.edit("removed a memslot call", s -> {
                List<MemslotCall> l = new ArrayList<>(s.memslots());
                l.remove(m.index());
                return s.withMemslots(l);
            });
        } else if (sel instanceof Ref.Access a) {
            doc.edit("removed a guest access", s -> {
                List<GuestAccess> l = new ArrayList<>(s.guest().accesses());
                l.remove(a.index());
                return s.withGuest(new Guest(s.guest().stage1(), l));
            });
        } else {
            return;
        }
        bands.selectionProperty().set(Ref.NONE);
    }

    /** A starting point for New: one RAM VMA in one memslot on an FWB host. */
    public static Scenario blankScenario() {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.IDC));
        Vm vm = new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false);
        Vma ram = new Vma("guest-ram", 0x7f0000000000L, 1L << 30, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL,
                Backing.ram(4096));
        MemslotCall slot = new MemslotCall(0, 0, 0x40000000L, 1L << 30, ram.start(), Set.of(), 0, "ram");
        return new Scenario("untitled", "", host, vm, List.of(ram), List.of(slot), Guest.EMPTY);
    }

    // ------------------------------------------------------------------ files

    /** Start-up: the default sample, or a blank scenario with the reason in the status line (no modal dialog). */
    public void openDefault() {
        try {
            doc.load(SampleCatalog.load(SampleCatalog.DEFAULT), null);
        } catch (ScenarioException | RuntimeException e) {
            doc.load(blankScenario(), null);
            status.setText("Could not open the default sample (" + e.getMessage() + "); started with a blank scenario.");
        }
    }

    public boolean openSample(String fileName) {
        try {
            Scenario s = SampleCatalog.load(fileName);
            doc.load(s, null);
            bands.selectionProperty().set(Ref.NONE);
            return true;
        } catch (ScenarioException | RuntimeException e) {
            errorSink.accept("Cannot open sample " + fileName + ": " + e.getMessage());
            return false;
        }
    }

    /** Loads a file; on any error the current scenario stays and the message is shown. */
    public boolean openFile(Path path) {
        try {
            Scenario s = ScenarioReader.read(path);
            doc.load(s, path);
            bands.selectionProperty().set(Ref.NONE);
            remember(path);
            return true;
        } catch (ScenarioException e) {
            errorSink.accept(e.getMessage());
        } catch (RuntimeException e) {
            errorSink.accept(path.getFileName() + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * Files dropped on the window: the first {@code .json} opens (asking over unsaved changes); a drop
     * with none is refused in one sentence and the current scenario stays.
     *
     * @return true when a scenario was opened
     */
    public boolean openDropped(List<java.io.File> files) {
        for (var f : files) {
            if (f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                return confirm.test("open " + f.getName()) && openFile(f.toPath());
            }
        }
        if (!files.isEmpty()) {
            errorSink.accept("Cannot open " + (files.size() == 1 ? files.get(0).getName() : files.size() + " dropped files")
                    + ": drop a Stage2Scope scenario file (.json).");
        }
        return false;
    }

    /**
     * File > Import from QEMU: builds a scenario from a copy of the QEMU process's smaps and a monitor
     * transcript and opens it as a new unsaved document; the import report goes to the explanation panel.
     * Any unreadable input becomes one sentence (file and line) and the current scenario stays.
     */
    public boolean importQemu(Path smaps, Path monitor, ImportOptions options) {
        ImportResult r;
        try {
            r = QemuImporter.importFiles(smaps, monitor, options);
        } catch (ImportException e) {
            errorSink.accept("Cannot import: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            errorSink.accept("Cannot import " + smaps.getFileName() + " and " + monitor.getFileName() + ": " + e.getMessage());
            return false;
        }
        Scenario s = r.scenario();
        doc.loadUnsaved(s, "Imported " + s.vmas().size() + " VMAs and " + s.memslots().size() + " memslot calls from "
                + smaps.getFileName() + " and " + monitor.getFileName() + " (not saved yet)");
        bands.selectionProperty().set(Ref.NONE);
        explanation.setText("Import report (" + smaps.getFileName() + ", " + monitor.getFileName() + ")\n"
                + String.join("\n", r.report().lines()));
        return true;
    }

    private void importDialog() {
        if (!confirm.test("import another scenario")) {
            return;
        }
        ImportDialog.ask(stage).ifPresent(r -> importQemu(r.smaps(), r.monitor(), r.options()));
    }

    /** File > Save report: the current evaluation as text (.txt) or JSON (.json), written atomically. */
    public boolean saveReport(Path path) {
        Evaluation ev = doc.evaluation();
        if (ev == null) {
            errorSink.accept("Nothing to report: the scenario has no evaluation.");
            return false;
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String body;
        if (name.endsWith(".json")) {
            body = ReportJson.render(ev);
        } else if (name.endsWith(".txt")) {
            body = ReportText.render(ev);
        } else {
            errorSink.accept("Cannot save report " + path.getFileName() + ": the name must end in .txt (text) or .json (JSON).");
            return false;
        }
        try {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.stage2scope.io.AtomicFile.write(path, out -> out.write(bytes));
            status.setText("Saved report " + path.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            errorSink.accept("Cannot save report " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    private void saveReportDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Save report");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Text report (*.txt)", "*.txt"),
                new FileChooser.ExtensionFilter("JSON report (*.json)", "*.json"));
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(doc.file().toAbsolutePath().getParent().toFile());
        }
        fc.setInitialFileName(safeName() + "-report.txt");
        var f = fc.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        String n = p.getFileName().toString();
        if (!n.endsWith(".txt") && !n.endsWith(".json")) {
            boolean json = fc.getSelectedExtensionFilter() != null && fc.getSelectedExtensionFilter().getDescription().startsWith("JSON");
            p = p.resolveSibling(n + (json ? ".json" : ".txt"));
        }
        saveReport(p);
    }

    public boolean saveTo(Path path) {
        try {
            ScenarioWriter.save(doc.scenario(), path);
            doc.markSaved(path);
            remember(path);
            return true;
        } catch (IOException | RuntimeException e) {
            errorSink.accept("Cannot save " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    private void save() {
        if (doc.file() == null) {
            saveAsDialog();
        } else {
            saveTo(doc.file());
        }
    }

    private void openDialog() {
        if (!confirm.test("open another scenario")) {
            return;
        }
        FileChooser fc = chooser("Open scenario", "*.json");
        var f = fc.showOpenDialog(stage);
        if (f != null) {
            openFile(f.toPath());
        }
    }

    private void saveAsDialog() {
        FileChooser fc = chooser("Save scenario", "*.json");
        fc.setInitialFileName(doc.file() == null ? safeName() + ".json" : doc.file().getFileName().toString());
        var f = fc.showSaveDialog(stage);
        if (f != null) {
            saveTo(f.toPath());
        }
    }

    private String safeName() {
        String n = doc.scenario().name().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "scenario" : n;
    }

    private FileChooser chooser(String title, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(doc.file().toAbsolutePath().getParent().toFile());
        }
        return fc;
    }

    /** Where recent files are kept; tests pass a node of their own so they never touch the user's list. */
    private Preferences prefsNode;

    private Preferences prefs() {
        if (prefsNode == null) {
            prefsNode = Preferences.userNodeForPackage(MainWindow.class);
        }
        return prefsNode;
    }

    /** Replaces the preferences node the recent-files list lives in (tests), and reloads the menu from it. */
    void setPreferences(Preferences node) {
        prefsNode = node;
        updateRecentMenu();
    }

    /** File > Open recent (tests). */
    Menu recentMenu() {
        return recentMenu;
    }

    private void remember(Path p) {
        try {
            List<String> l = recent();
            l.remove(p.toAbsolutePath().toString());
            l.add(0, p.toAbsolutePath().toString());
            while (l.size() > RECENT_MAX) {
                l.remove(l.size() - 1);
            }
            prefs().put("recent", String.join("\n", l));
        } catch (RuntimeException e) {
            // Preferences unavailable (read-only home): recent files are a convenience only.
        }
        updateRecentMenu();
    }

    private List<String> recent() {
        List<String> l = new ArrayList<>();
        try {
            for (String s : prefs().get("recent", "").split("\n")) {
                if (!s.isBlank()) {
                    l.add(s);
                }
            }
        } catch (RuntimeException e) {
            // see remember()
        }
        return l;
    }

    private void updateRecentMenu() {
        recentMenu.getItems().clear();
        for (String s : recent()) {
            MenuItem mi = new MenuItem(s);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> {
                if (confirm.test("open " + s)) {
                    openFile(Path.of(s));
                }
            });
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    // ------------------------------------------------------------------ export

    /** The picture Export writes: whole scenario (light theme, 1600 px) or the visible part as shown. */
    public Scene exportScene(boolean visibleOnly) {
        Evaluation ev = doc.evaluation();
        if (ev == null) {
            return null;
        }
        if (visibleOnly) {
            return Picture.of(ev, bands.themeProperty().get(), bands.view(), bands.hvaView(), Math.max(800, bands.getWidth()));
        }
        return Picture.of(ev, bands.themeProperty().get().isDark() ? Theme.dark() : Theme.light(), View.ALL,
                Picture.EXPORT_WIDTH);
    }

    public boolean exportPng(Path path, double scale, boolean visibleOnly) {
        Scene sc = exportScene(visibleOnly);
        if (sc == null) {
            errorSink.accept("Nothing to export: the scenario has no evaluation.");
            return false;
        }
        try {
            PngPainter.write(sc, scale, path);
            status.setText("Exported " + path.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            errorSink.accept("Cannot export " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    public boolean exportSvg(Path path, boolean visibleOnly) {
        Scene sc = exportScene(visibleOnly);
        if (sc == null) {
            errorSink.accept("Nothing to export: the scenario has no evaluation.");
            return false;
        }
        try {
            byte[] svg = SvgPainter.paint(sc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.stage2scope.io.AtomicFile.write(path, out -> out.write(svg));
            status.setText("Exported " + path.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            errorSink.accept("Cannot export " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    private void exportDialog(String kind, double scale, boolean visibleOnly) {
        FileChooser fc = chooser("Export " + kind.toUpperCase(java.util.Locale.ROOT), "*." + kind);
        fc.setInitialFileName(safeName() + (visibleOnly ? "-view" : "") + (scale > 1 ? "@2x" : "") + "." + kind);
        var f = fc.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        if (kind.equals("svg")) {
            exportSvg(f.toPath(), visibleOnly);
        } else {
            exportPng(f.toPath(), scale, visibleOnly);
        }
    }

    private void copyPicture() {
        Scene sc = exportScene(false);
        if (sc == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putImage(SwingFXUtils.toFXImage(PngPainter.paint(sc, 1), null));
        c.putString(String.join("\n", org.stage2scope.render.Caption.lines(doc.evaluation())));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        status.setText("Picture copied to the clipboard");
    }

    // ------------------------------------------------------------------ dialogs

    private boolean confirmDialog(String what) {
        if (!doc.isDirty()) {
            return true;
        }
        ButtonType saveB = new ButtonType("Save");
        ButtonType discard = new ButtonType("Discard changes");
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The scenario has unsaved changes. Save them before you "
                + what + "?", saveB, discard, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setHeaderText(null);
        var r = a.showAndWait().orElse(ButtonType.CANCEL);
        if (r == saveB) {
            save();
            return !doc.isDirty();
        }
        return r == discard;
    }

    private void errorDialog(String message) {
        status.setText(message);
        Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        a.initOwner(stage);
        a.setHeaderText(null);
        a.getDialogPane().setMinWidth(520);
        a.showAndWait();
    }

    private void info(String message) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        a.initOwner(stage);
        a.setHeaderText(null);
        a.showAndWait();
    }
}
