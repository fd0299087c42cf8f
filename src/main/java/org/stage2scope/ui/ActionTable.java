package org.stage2scope.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/**
 * Every action of the main window in one table, and the menus built from it. The toolbar and the band
 * context menu take their buttons and items from the same table ({@link #button}, {@link #item}).
 */
final class ActionTable {
    /** A menu line: an action id, "-" for a separator, or one of the submenus below. */
    private static final String SAMPLES = "@samples";
    private static final String RECENT = "@recent";

    private final Map<String, AppAction> actions = new LinkedHashMap<>();
    private final Menu recentMenu = new Menu("Open recent");

    ActionTable(MainWindow w) {
        MainViewModel vm = w.viewModel();
        ScenarioDocument doc = vm.document();
        ScenarioFiles files = w.files();
        PictureExport export = w.export();
        BandView bands = w.bandView();
        var hasEvaluation = doc.evaluationProperty().isNotNull();
        add(AppAction.of("new", "New", "Shortcut+N", files::newScenario));
        add(AppAction.of("new-from-host", "New from this host", null, w::newFromHost)
                .withHelp("A new scenario with this machine's host and VM, as stage2scope probe reads them"));
        add(AppAction.of("open", "Open\u2026", "Shortcut+O", files::openDialog));
        add(AppAction.of("import", "Import from QEMU\u2026", "Shortcut+I", files::importDialog));
        add(AppAction.of("save", "Save", "Shortcut+S", files::save));
        add(AppAction.of("save-as", "Save As\u2026", "Shortcut+Shift+S", files::saveAsDialog));
        add(AppAction.of("save-report", "Save report\u2026", "Shortcut+R", files::saveReportDialog).enabledWhen(hasEvaluation));
        add(AppAction.of("compare-saved", "Compare with saved\u2026", null, files::compareWithSavedDialog).enabledWhen(hasEvaluation));
        add(AppAction.of("export-png1", "Export PNG (1x)\u2026", null, () -> export.dialog("png", 1, false)).enabledWhen(hasEvaluation));
        add(AppAction.of("export-png2", "Export PNG (2x)\u2026", "Shortcut+E", () -> export.dialog("png", 2, false)).enabledWhen(hasEvaluation));
        add(AppAction.of("export-svg", "Export SVG\u2026", null, () -> export.dialog("svg", 1, false)).enabledWhen(hasEvaluation));
        add(AppAction.of("export-view-png", "Export visible part as PNG\u2026", null, () -> export.dialog("png", 2, true))
                .enabledWhen(hasEvaluation));
        add(AppAction.of("export-view-svg", "Export visible part as SVG\u2026", null, () -> export.dialog("svg", 1, true))
                .enabledWhen(hasEvaluation));
        add(AppAction.of("copy-picture", "Copy picture", "Shortcut+Shift+C", export::copy).enabledWhen(hasEvaluation));
        add(AppAction.of("quit", "Quit", "Shortcut+Q", () -> {
            if (files.confirmDiscard("quit")) {
                Platform.exit();
            }
        }));

        add(AppAction.of("undo", "Undo", "Shortcut+Z", doc::undo).enabledWhen(doc.canUndoProperty())
                .withHelp("Take back the last edit (Ctrl+Z)"));
        add(AppAction.of("redo", "Redo", "Shortcut+Shift+Z", doc::redo).enabledWhen(doc.canRedoProperty()));
        add(AppAction.of("go-to", "Go to\u2026", "Shortcut+F", w::askGoTo).enabledWhen(hasEvaluation));
        add(AppAction.of("next-finding", "Next finding", "F8", () -> vm.stepFinding(1)));
        add(AppAction.of("previous-finding", "Previous finding", "Shift+F8", () -> vm.stepFinding(-1)));
        add(AppAction.of("add-vma", "Add VMA", null, vm::addVma));
        add(AppAction.of("add-memslot", "Add memslot call", null, vm::addMemslot));
        add(AppAction.of("add-access", "Add guest access", null, vm::addAccess));
        add(AppAction.of("add-stage1", "Add stage-1 range for the selected GPA range", null, vm::addStage1ForSelection)
                .enabledWhen(vm.gpaRangeSelected()));
        add(AppAction.of("remove", "Remove selected", "Delete", vm::removeSelected).enabledWhen(vm.removableSelection()));

        add(AppAction.of("fit", "Fit all", "Shortcut+0", bands::fitAll).withHelp("Show the whole address space (0 or Home)"));
        add(AppAction.of("zoom-selection", "Zoom to selection", "Shortcut+2", bands::zoomToSelection)
                .enabledWhen(Bindings.createBooleanBinding(() -> !(vm.selection() instanceof org.stage2scope.engine.Ref.None),
                        vm.selectionProperty()))
                .withHelp("Frame the selected band (Z on the picture)"));
        add(AppAction.of("zoom-in", "Zoom in", "Shortcut+EQUALS", () -> bands.zoom(1.5)));
        add(AppAction.of("zoom-out", "Zoom out", "Shortcut+MINUS", () -> bands.zoom(1 / 1.5)));
        // By KeyCode name ("Close Bracket"), not the enum constant: KeyCombination parses "CLOSE_BRACKET" as a
        // typed character of that spelling, which no key ever produces (and the menu read Ctrl+CLOSE_BRACKET).
        add(AppAction.of("next-band", "Next band in the lane", "Shortcut+Close Bracket", () -> vm.stepBand(1)));
        add(AppAction.of("previous-band", "Previous band in the lane", "Shortcut+Open Bracket", () -> vm.stepBand(-1)));
        add(AppAction.of("compare", "Compare policies", "Shortcut+K", w::openCompare)
                .withHelp("This scenario under every cacheable-PFNMAP policy, side by side (Ctrl+K)"));
        add(AppAction.of("memtypes", "Memory types", "Shortcut+M", w::openMemtypes)
                .withHelp("Stage-1 x stage-2 memory types of every architecture, with and without FWB (Ctrl+M)"));
        add(AppAction.of("verify-kernel", "Verify against this kernel", null, w::openVerify)
                .enabledWhen(doc.scenarioProperty().isNotNull())
                .withHelp("Replay the scenario's memslot calls on a scratch VM of this kernel and compare each result"));
        add(AppAction.of("present", "Presentation mode", "F5", null).toggling(vm.presentationProperty())
                .withHelp("Larger type and lanes for a projector (F5, or P on the picture)"));
        add(AppAction.of("dark", "Dark theme", null, null).toggling(vm.darkProperty()));
        add(AppAction.of("keys", "Keys", "F1", w::showKeys));
        add(AppAction.of("about", "About Stage2Scope", null, w::showAbout));
    }

    private void add(AppAction a) {
        actions.put(a.id(), a);
    }

    AppAction get(String id) {
        AppAction a = actions.get(id);
        if (a == null) {
            throw new IllegalArgumentException("no action " + id);
        }
        return a;
    }

    List<AppAction> all() {
        return List.copyOf(actions.values());
    }

    Menu recentMenu() {
        return recentMenu;
    }

    MenuBar menuBar(ScenarioFiles files) {
        Menu samples = samplesMenu(files);
        fillRecent(files);
        files.recent().filesProperty().addListener((ListChangeListener<Path>) c -> fillRecent(files));
        return new MenuBar(
                menu("File", List.of("new", "new-from-host", "open", SAMPLES, RECENT, "import", "-", "save", "save-as", "save-report", "compare-saved", "-",
                        "export-png1", "export-png2", "export-svg", "export-view-png", "export-view-svg", "copy-picture", "-",
                        "quit"), samples),
                menu("Edit", List.of("undo", "redo", "-", "go-to", "next-finding", "previous-finding", "-", "add-vma",
                        "add-memslot", "add-access", "add-stage1", "remove"), samples),
                menu("View", List.of("fit", "zoom-selection", "zoom-in", "zoom-out", "next-band", "previous-band", "-",
                        "compare", "memtypes", "-", "present", "dark"), samples),
                menu("Tools", List.of("verify-kernel"), samples),
                menu("Help", List.of("keys", "about"), samples));
    }

    private Menu menu(String title, List<String> lines, Menu samples) {
        Menu m = new Menu(title);
        for (String l : lines) {
            m.getItems().add(switch (l) {
                case "-" -> new SeparatorMenuItem();
                case SAMPLES -> samples;
                case RECENT -> recentMenu;
                default -> item(get(l));
            });
        }
        return m;
    }

    /** A menu item for the action, with its shortcut and enable binding. */
    static MenuItem item(AppAction a) {
        MenuItem mi;
        if (a.checked() != null) {
            CheckMenuItem c = new CheckMenuItem(a.text());
            c.selectedProperty().bindBidirectional(a.checked());
            mi = c;
        } else {
            mi = new MenuItem(a.text());
            mi.setOnAction(e -> a.run().run());
        }
        mi.setId("menu-" + a.id());
        mi.setAccelerator(a.key());
        mi.disableProperty().bind(Bindings.createBooleanBinding(a.disabled()::get, a.disabled()));
        return mi;
    }

    /** A toolbar button for the action (a toggle button for an on/off action). */
    javafx.scene.control.ButtonBase button(String id, String label) {
        AppAction a = get(id);
        javafx.scene.control.ButtonBase b;
        if (a.checked() != null) {
            ToggleButton t = new ToggleButton(label);
            t.selectedProperty().bindBidirectional(a.checked());
            b = t;
        } else {
            b = new Button(label);
            b.setOnAction(e -> a.run().run());
        }
        b.setId("tb-" + a.id());
        b.setFocusTraversable(false);
        b.disableProperty().bind(Bindings.createBooleanBinding(a.disabled()::get, a.disabled()));
        String tip = a.help().isEmpty() ? a.text() + (a.key() == null ? "" : " (" + a.keyText() + ")") : a.help();
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private Menu samplesMenu(ScenarioFiles files) {
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
            mi.setOnAction(e -> files.openSampleAsking(s.title(), s.fileName()));
            samples.getItems().add(mi);
        }
        if (samples.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no bundled samples)");
            none.setDisable(true);
            samples.getItems().add(none);
        }
        return samples;
    }

    private void fillRecent(ScenarioFiles files) {
        recentMenu.getItems().clear();
        for (Path p : files.recent().filesProperty()) {
            MenuItem mi = new MenuItem(p.toString());
            mi.setOnAction(e -> files.openRecent(p));
            recentMenu.getItems().add(mi);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** The Help > Keys text, from the table itself so it can never disagree with the menus. */
    String keysText() {
        // One key per line, in the same two columns as the shortcuts below: the pointer keys as one
        // sentence ran 110 characters past the dialog's edge.
        StringBuilder sb = new StringBuilder("On the picture:\n");
        String[][] picture = {{"wheel, + / -", "zoom around the pointer"}, {"drag, Left/Right", "pan"},
            {"0, Home", "fit all"}, {"Z", "zoom to the selection"}, {"] and [", "next, previous band in the lane"},
            {"P", "presentation mode"}, {"Esc", "clear the selection"}, {"right-click", "a band's menu"}};
        for (String[] k : picture) {
            sb.append(String.format("  %-16s %s%n", k[0], k[1]));
        }
        sb.append("\nEverywhere:\n");
        for (AppAction a : actions.values()) {
            if (a.key() != null) {
                sb.append(String.format("  %-16s %s%n", a.keyText(), a.text().replace("\u2026", "")));
            }
        }
        sb.append("\nCompare policies, Memory types and Verify against this kernel:\n  Esc or Ctrl+W closes the window.");
        return sb.toString();
    }
}
