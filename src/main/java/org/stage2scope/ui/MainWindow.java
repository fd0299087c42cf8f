package org.stage2scope.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.ScenarioEdits;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Named;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.render.Scene;
import org.stage2scope.report.ScenarioFacts;

/**
 * The main window: lays out the menus, the teaching toolbar, the picture, inspector, findings and
 * explanation, and binds each to the {@link MainViewModel}. What the window does lives elsewhere: edits
 * and selection in the view model, actions and shortcuts in the {@link ActionTable}, files in
 * {@link ScenarioFiles}, pictures in {@link PictureExport}, questions in a {@link DialogService}.
 */
public final class MainWindow {
    private final MainViewModel vm;
    private final Stage stage;
    private final BandView bands = new BandView();
    private final InspectorView inspector;
    private final FindingsView findings;
    private final TablesPane tables;
    private final TextArea explanation = new TextArea();
    private final BorderPane root = new BorderPane();
    private final javafx.scene.Scene fxScene;
    private javafx.scene.control.MenuBar menuBar;
    /** Menu bar and toolbar: presentation mode hides them (they stay in the scene, so F5 and Ctrl+Z still work). */
    private VBox chrome;
    /** The normal window: picture, tables and panels above each other, the inspector beside them. */
    private final SplitPane stack = new SplitPane();
    private final SplitPane withInspector = new SplitPane();
    /** Divider positions from before presentation mode, put back when it ends. */
    private double[] stackDividers;
    private double[] inspectorDividers;
    private final RecentFiles recent = new RecentFiles(Preferences.userNodeForPackage(MainWindow.class));
    private final ScenarioFiles files;
    private final PictureExport export;
    private final HostActions host;
    private final ActionTable actions;
    private final BandContextMenu contextMenu;
    /** Where every window and dialog is made, styled and kept in the theme. */
    private final AppWindows windows;
    private DialogService dialogs;
    private CompareView compareView;
    private MemtypeExplorer memtypes;
    /** A selection the explorer made: it must not re-open a cell in the explorer. */
    private boolean fromMemtypes;

    public MainWindow(ScenarioDocument doc, Stage stage) {
        this(doc, stage, null);
    }

    /** @param browser opens a documentation link from Help > About (HostServices::showDocument), or null */
    public MainWindow(ScenarioDocument doc, Stage stage, Consumer<String> browser) {
        LiteralText.everywhere(); // kernel names keep their '_' in this window and every one it opens
        this.vm = new MainViewModel(doc);
        this.stage = stage;
        this.windows = new AppWindows(stage, vm.darkProperty());
        this.dialogs = new FxDialogService(stage, windows, browser);
        this.files = new ScenarioFiles(vm, recent, dialogs);
        this.export = new PictureExport(vm, bands, files, dialogs);
        this.host = new HostActions(vm, files, dialogs, windows);
        this.inspector = new InspectorView(doc);
        this.findings = new FindingsView(vm);
        this.tables = new TablesPane(vm);
        this.actions = new ActionTable(this);
        this.contextMenu = new BandContextMenu(vm, bands);
        bindPicture();
        menuBar = actions.menuBar(files);
        chrome = new VBox(menuBar, toolbar());
        root.setTop(chrome);
        root.setCenter(panes());
        root.setBottom(statusBar());
        fxScene = windows.mainScene(stage, root, 1200, 760);
        fxScene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), doc::redo);
        // Esc leaves presentation mode before anything else sees it (on the picture it would clear the selection).
        fxScene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.presentationProperty().get()) {
                vm.presentationProperty().set(false);
                e.consume();
            }
        });
        fxScene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        fxScene.setOnDragDropped(e -> {
            e.setDropCompleted(files.openDropped(e.getDragboard().getFiles()));
            e.consume();
        });
        stage.titleProperty().bind(doc.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard("quit")) {
                e.consume();
            }
        });
        vm.themeProperty().addListener((o, a, t) -> applyStyleClasses());
        applyStyleClasses();
        doc.scenarioProperty().addListener((o, a, s) -> showInspector());
        doc.evaluationProperty().addListener((o, a, ev) -> showInspector());
        vm.selectionProperty().addListener((o, a, r) -> showInspector());
        showInspector();
        bands.setEvaluation(doc.evaluation(), List.of(), doc.messageProperty().get());
    }

    /** The picture follows the view model: its selection, theme and evaluation; it reports clicks and zoom back. */
    private void bindPicture() {
        ScenarioDocument doc = vm.document();
        bands.selectionProperty().bind(vm.selectionProperty());
        bands.themeProperty().bind(vm.themeProperty());
        bands.setOnSelect(vm::select);
        vm.followZoom(bands.visibleViewProperty());
        vm.onReveal(r -> bands.zoomToSelection());
        doc.evaluationProperty().addListener((o, a, ev) -> bands.setEvaluation(ev, doc.changes(), doc.messageProperty().get()));
        // A scenario whose evaluation is pending (big, or the engine failed) keeps the last picture, or says why.
        doc.scenarioProperty().addListener((o, a, s) -> {
            if (doc.evaluation() == null) {
                bands.setEvaluation(null, List.of(), doc.messageProperty().get());
            }
        });
        // Plain keys on the picture only, where no text field wants them; Ctrl+anything goes to the menus.
        bands.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
                return;
            }
            switch (e.getCode()) {
                case P -> vm.presentationProperty().set(!vm.presentationProperty().get());
                case CLOSE_BRACKET -> vm.stepBand(1);
                case OPEN_BRACKET -> vm.stepBand(-1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private Node panes() {
        inspector.setPrefWidth(360);
        explanation.setId("explanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        explanation.textProperty().bind(vm.explanationProperty());
        SplitPane bottom = new SplitPane(titled("Findings and memslot calls", findings), titled("Explanation", explanation));
        bottom.setDividerPositions(0.45);
        stack.getItems().setAll(bands, tables, bottom);
        stack.setOrientation(Orientation.VERTICAL);
        stack.setDividerPositions(0.5, 0.74);
        withInspector.getItems().setAll(stack, inspector);
        withInspector.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(inspector, false);
        vm.presentationProperty().addListener((o, was, on) -> presentLayout(on));
        return withInspector;
    }

    /**
     * Presentation mode shows the picture alone, filling the window above the status line: on a projector
     * the menus, toolbar, tables and panels only shrink it. Leaving puts every panel back where the user
     * had its divider; no font or size changes outside the picture and the status line, so none can stick.
     */
    private void presentLayout(boolean on) {
        chrome.setVisible(!on);
        chrome.setManaged(!on);
        if (on && root.getCenter() == withInspector) {
            stackDividers = stack.getDividerPositions();
            inspectorDividers = withInspector.getDividerPositions();
            stack.getItems().remove(bands);
            root.setCenter(bands);
        } else if (!on && root.getCenter() == bands) {
            root.setCenter(null);
            stack.getItems().add(0, bands);
            root.setCenter(withInspector);
            // A split pane re-spaces its dividers on its first layout after its items change, so the old
            // positions go back after that layout, at the size the panes had before.
            root.applyCss();
            root.layout();
            stack.setDividerPositions(stackDividers);
            withInspector.setDividerPositions(inspectorDividers);
        }
        bands.requestFocus();
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        // A sentence longer than the window (New from this host naming its defaults) stays readable.
        Tooltip full = new Tooltip();
        full.setWrapText(true);
        full.setMaxWidth(640);
        // The status line names a few changes; its tooltip lists every one of the last edit.
        full.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String detail = vm.document().changeDetailProperty().get();
            return detail.isEmpty() ? vm.statusProperty().get() : vm.statusProperty().get() + "\n\n" + detail;
        }, vm.statusProperty(), vm.document().changeDetailProperty()));
        status.setTooltip(full);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("busy");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(vm.busyProperty());
        Label zoom = new Label();
        zoom.setId("zoom");
        zoom.setMinWidth(Region.USE_PREF_SIZE); // a long status sentence gives way, not the zoom factor
        zoom.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            double span = vm.zoomProperty().get().span();
            return span >= 0.999 ? "whole space" : String.format(java.util.Locale.ROOT, "zoom %.1fx", 1 / span);
        }, vm.zoomProperty()));
        // How to leave presentation mode, where the menus that say so are hidden. Not part of the picture, so
        // never in an export.
        Label hint = new Label("F5 or Esc: leave presentation");
        hint.setId("presentation-hint");
        hint.getStyleClass().add("presentation-hint");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        hint.visibleProperty().bind(vm.presentationProperty());
        hint.managedProperty().bind(vm.presentationProperty());
        HBox bar = new HBox(8, status, busy, zoom, hint);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private ToolBar toolbar() {
        ScenarioDocument doc = vm.document();
        ToggleButton fwb = featureToggle(CpuFeature.FWB, "FEAT_S2FWB: stage 2 can force write-back (arm64)");
        ToggleButton dic = featureToggle(CpuFeature.DIC, "CTR_EL0.DIC: no I-cache invalidation needed (arm64)");
        ComboBox<PolicyId> policy = choice("tb-policy", PolicyId.values(), s -> s.vm().policy(), vm::setPolicy);
        ComboBox<Arch> arch = choice("tb-arch", Arch.values(), s -> s.host().arch(), vm::setArch);
        String policyHelp = "Which cacheable-PFNMAP proposal the simulated kernel implements";
        policy.setTooltip(new Tooltip(policyHelp));
        arch.setTooltip(new Tooltip("Host architecture; switching converts memory types to the nearest equivalent"));
        // On x86 there is nothing to choose: the box is disabled, shows "none on x86" and the line beside it
        // says why (the tooltip has the whole sentence), so nobody has to hover to find out.
        PolicyButtonCell shown = new PolicyButtonCell();
        policy.setButtonCell(shown);
        Label policyWhy = new Label(InspectorModel.X86_POLICY_WHY);
        policyWhy.setId("tb-policy-why");
        policyWhy.getStyleClass().add("policy-why");
        policyWhy.setTooltip(new Tooltip(ScenarioFacts.X86_NO_POLICY));
        follow(s -> {
            boolean x86 = s.host().arch().isX86();
            shown.x86 = x86;
            policy.setValue(s.vm().policy());
            shown.show(policy.getValue());
            arch.setValue(s.host().arch());
            policy.setDisable(x86);
            policy.getTooltip().setText(x86 ? ScenarioFacts.X86_NO_POLICY : policyHelp);
            policyWhy.setVisible(x86);
            policyWhy.setManaged(x86);
        });
        return new ToolBar(new Label("Host:"), fwb, dic, new Label(" Policy:"), policy, policyWhy, new Label(" Arch:"), arch,
                new Separator(), actions.button("undo", "Undo"), actions.button("fit", "Fit all"),
                actions.button("zoom-selection", "Zoom to selection"), new Separator(), actions.button("compare", "Compare"),
                actions.button("present", "Presentation"));
    }

    /**
     * The policy box's face: the scenario keeps its policy on x86 (it has no effect there, and switching
     * back to arm64 restores it), so the face, not the value, says "none on x86". A cleared value with a
     * prompt would do, but JavaFX does not redraw a combo box's prompt after its value becomes null.
     */
    private static final class PolicyButtonCell extends javafx.scene.control.ListCell<PolicyId> {
        boolean x86;

        @Override
        protected void updateItem(PolicyId p, boolean empty) {
            super.updateItem(p, empty);
            show(empty ? null : p);
        }

        void show(PolicyId p) {
            setText(x86 ? InspectorModel.X86_POLICY_SHOWN : p == null ? "" : p.id());
        }
    }

    /**
     * A host-feature toggle showing the scenario's state; a click asks the view model, which ignores a value
     * the scenario already has, so showing the state never echoes back as an edit.
     */
    private ToggleButton featureToggle(CpuFeature f, String help) {
        ToggleButton t = new ToggleButton(f.id());
        t.setId("tb-" + f.id().toLowerCase(java.util.Locale.ROOT));
        t.setTooltip(new Tooltip(help));
        t.disableProperty().bind(vm.x86Host());
        follow(s -> t.setSelected(s.host().has(f)));
        t.setOnAction(e -> vm.setFeature(f, t.isSelected()));
        return t;
    }

    /** Runs show for the current scenario and every later one. */
    private void follow(Consumer<Scenario> show) {
        ScenarioDocument doc = vm.document();
        if (doc.scenario() != null) {
            show.accept(doc.scenario());
        }
        doc.scenarioProperty().addListener((o, a, s) -> {
            if (s != null) {
                show.accept(s);
            }
        });
    }

    private static <E extends Named> ComboBox<E> choice(String id, E[] values, java.util.function.Function<Scenario, E> current,
                                                         java.util.function.Predicate<E> choose) {
        ComboBox<E> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.setId(id);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : e.id();
            }

            @Override
            public E fromString(String s) {
                return null;
            }
        });
        c.valueProperty().addListener((o, a, v) -> choose.test(v));
        return c;
    }

    private void showInspector() {
        Scenario s = vm.document().scenario();
        if (s != null) {
            inspector.show(InspectorModel.props(s, vm.document().evaluation(), vm.selection()));
        }
    }

    private void applyStyleClasses() {
        // "dark" is AppWindows' to set, on this window as on every other.
        root.getStyleClass().remove("presentation");
        if (vm.presentationProperty().get()) {
            root.getStyleClass().add("presentation");
        }
        if (compareView != null) {
            compareView.setPresentation(vm.presentationProperty().get());
        }
    }

    /** A panel with the app's title strip above it (shared by the main window and the compare window). */
    static Node titled(String title, Node content) {
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

    // ------------------------------------------------------------------ commands the action table runs

    /** Edit > Go to (Ctrl+F): a GPA, an HVA, a slot id or a name. */
    void askGoTo() {
        dialogs.askText("Go to", "GPA (0x...), hva 0x..., slot id (3 or 1:3) or a name:", "").ifPresent(vm::goTo);
    }

    void showKeys() {
        dialogs.showText("Keys", actions.keysText());
    }

    void showAbout() {
        dialogs.showAbout(AboutInfo.current());
    }

    /** View > Compare policies: one non-modal window, created on first use, following the document. */
    public CompareView openCompare() {
        if (compareView == null) {
            compareView = new CompareView(vm.document(), windows);
            compareView.setPresentation(vm.presentationProperty().get());
            compareView.setOnSelect(vm::reveal);
        }
        compareView.show();
        return compareView;
    }

    /**
     * View > Memory types: the stage-1 x stage-2 explorer, following the document. A clicked cell reveals
     * the scenario's first range in it here (the explorer lists the others); a GPA range selected here
     * opens its cell there.
     */
    public MemtypeExplorer openMemtypes() {
        if (memtypes == null) {
            memtypes = new MemtypeExplorer(windows);
            MemtypeExplorerModel m = memtypes.model();
            m.evaluationProperty().bind(vm.document().evaluationProperty());
            Evaluation ev = vm.document().evaluation();
            if (ev != null) {
                m.archProperty().set(ev.scenario().host().arch());
                m.fwbProperty().set(ev.scenario().host().has(CpuFeature.FWB));
            }
            memtypes.setOnSelectRanges(rs -> {
                fromMemtypes = true;
                try {
                    vm.reveal(rs.get(0));
                } finally {
                    fromMemtypes = false;
                }
            });
            vm.selectionProperty().addListener((o, a, r) -> {
                if (!fromMemtypes && memtypes.stage().isShowing() && r instanceof Ref.GpaRange g) {
                    m.openCellAt(g.gpa());
                }
            });
        }
        memtypes.show();
        return memtypes;
    }

    /** File > New from this host: probes this host off the UI thread, then opens it as a new unsaved scenario. */
    void newFromHost() {
        host.newFromHost();
    }

    /** Tools > Verify against this kernel: replays the scenario's memslot calls on a scratch VM, off the UI thread. */
    VerifyView openVerify() {
        return host.openVerify();
    }

    /** How the window reaches the running kernel (tests hand in a double; the app uses JnaKernel). */
    void setKernel(java.util.function.Supplier<org.stage2scope.host.Kernel> kernel) {
        host.setKernel(kernel);
    }

    HostActions hostActions() {
        return host;
    }

    /** The memory-type explorer if it was ever opened (tests). */
    public MemtypeExplorer memtypes() {
        return memtypes;
    }

    // ------------------------------------------------------------------ parts, for tests and the other windows

    public MainViewModel viewModel() {
        return vm;
    }

    public ScenarioDocument document() {
        return vm.document();
    }

    public BandView bandView() {
        return bands;
    }

    /** The range table and memslot-call tabs (tests). */
    TablesPane tables() {
        return tables;
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

    /** The compare window if it was ever opened (tests). */
    public CompareView compareView() {
        return compareView;
    }

    ScenarioFiles files() {
        return files;
    }

    PictureExport export() {
        return export;
    }

    ActionTable actions() {
        return actions;
    }

    BandContextMenu contextMenu() {
        return contextMenu;
    }

    /** Replaces every dialog (tests answer from a script). */
    public void setDialogs(DialogService d) {
        dialogs = d;
        files.setDialogs(d);
        export.setDialogs(d);
        host.setDialogs(d);
    }

    /** Replaces the preferences node recent files and the last folder live in (tests). */
    void setPreferences(Preferences node) {
        recent.use(node);
    }

    /** File > Open recent (tests). */
    Menu recentMenu() {
        return actions.recentMenu();
    }

    public void setPresentation(boolean on) {
        vm.presentationProperty().set(on);
    }

    public void setDark(boolean on) {
        vm.darkProperty().set(on);
    }

    // ------------------------------------------------------------------ the File menu's work, by path (tests, UiShot)

    public void openDefault() {
        files.openDefault();
    }

    public boolean openSample(String fileName) {
        return files.openSample(fileName);
    }

    public boolean openFile(Path path) {
        return files.openFile(path);
    }

    public boolean openDropped(List<File> dropped) {
        return files.openDropped(dropped);
    }

    public boolean saveTo(Path path) {
        return files.saveTo(path);
    }

    public boolean importQemu(Path smaps, Path monitor, ImportOptions options) {
        return files.importQemu(smaps, monitor, options);
    }

    public boolean saveReport(Path path) {
        return files.saveReport(path);
    }

    public Scene exportScene(boolean visibleOnly) {
        return export.scene(visibleOnly);
    }

    public boolean exportPng(Path path, double scale, boolean visibleOnly) {
        return export.png(path, scale, visibleOnly);
    }

    public boolean exportSvg(Path path, boolean visibleOnly) {
        return export.svg(path, visibleOnly);
    }

    /** The toolbar's FWB/DIC toggle, by code. */
    public void toggleFeature(CpuFeature f, boolean on) {
        vm.setFeature(f, on);
    }

    /** A starting point for New: one RAM VMA in one memslot on an FWB host. */
    public static Scenario blankScenario() {
        return ScenarioEdits.blank();
    }
}
