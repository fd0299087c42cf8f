package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Ref;
import org.stage2scope.host.FakeKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * View > Dark theme reaches every window the app makes, as the user sees it: the computed background of
 * each window's root, a selected table row (dark bar, light text), placeholders, the filter's prompt, an
 * unchecked check box's outline, the band context menu, a combo list and every dialog of the real
 * FxDialogService. Child windows opened in light turn dark when the theme is switched and back again.
 */
@ExtendWith(ApplicationExtension.class)
class WindowsDarkThemeTest {
    private static final double DARK = 0.25;
    private static final double LIGHT = 0.6;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(new ScenarioDocument(), stage); // the real dialogs, not a script
        window.setPreferences(new MemoryPreferences());
        window.openDefault();
        stage.setWidth(1400);
        stage.setHeight(900);
        window.show();
    }

    /** Relative luminance (sRGB, 0 black .. 1 white) of a colour, or the mean of a gradient's stops. */
    static double luminance(Paint p) {
        if (p instanceof Color c) {
            return luminance(c);
        }
        List<javafx.scene.paint.Stop> stops = p instanceof javafx.scene.paint.LinearGradient g ? g.getStops()
                : p instanceof javafx.scene.paint.RadialGradient r ? r.getStops() : List.of();
        if (stops.isEmpty()) {
            fail("no colour in " + p);
        }
        return stops.stream().mapToDouble(s -> luminance(s.getColor())).average().orElseThrow();
    }

    private static double luminance(Color c) {
        return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
    }

    private static double lin(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The colour a region shows: its top background fill (modena layers borders first, the face last). */
    static double face(Region r) {
        assertNotNull(r.getBackground(), r + " has a background");
        var fills = r.getBackground().getFills();
        return luminance(fills.get(fills.size() - 1).getFill());
    }

    private static void dark(String what, double lum) {
        assertTrue(lum < DARK, what + " should be dark, luminance " + lum);
    }

    private static void light(String what, double lum) {
        assertTrue(lum > LIGHT, what + " should be light, luminance " + lum);
    }

    private static Region root(Stage s) {
        return (Region) s.getScene().getRoot();
    }

    private static void layout(Stage s) {
        s.getScene().getRoot().applyCss();
        s.getScene().getRoot().layout();
    }

    /** The row cell showing item 0 of a table or list, after selecting it. */
    private static IndexedCell<?> selectedFirstRow(Node view, String cellClass) {
        if (view instanceof TableView<?> t) {
            t.getSelectionModel().select(0);
        } else if (view instanceof ListView<?> l) {
            l.getSelectionModel().select(0);
        }
        view.applyCss();
        ((Parent) view).layout();
        return view.lookupAll(cellClass).stream().map(n -> (IndexedCell<?>) n)
                .filter(c -> c.getIndex() == 0 && !c.isEmpty()).findFirst().orElseThrow();
    }

    /** A selected row reads light on dark: its bar is dark and every cell's text light. */
    private static void selectedRowIsReadableOnDark(String what, IndexedCell<?> row) {
        dark(what + " selected row", face(row));
        var texts = row.lookupAll(".text").stream().filter(n -> n instanceof Text t && !t.getText().isEmpty()).toList();
        assertTrue(!texts.isEmpty(), what + " row shows text");
        for (Node n : texts) {
            light(what + " selected row text '" + ((Text) n).getText() + "'", luminance(((Text) n).getFill()));
        }
    }

    /** Whether any pixel of the node stands out from the window background behind it (a visible outline). */
    private static double contrastAgainst(Node n, Color behind) {
        SnapshotParameters sp = new SnapshotParameters();
        sp.setFill(behind);
        WritableImage img = n.snapshot(sp, null);
        double best = 0;
        double bg = luminance(behind);
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                best = Math.max(best, Math.abs(luminance(img.getPixelReader().getColor(x, y)) - bg));
            }
        }
        return best;
    }

    private static Color faceColor(Region r) {
        var fills = r.getBackground().getFills();
        return (Color) fills.get(fills.size() - 1).getFill();
    }

    /** An x86 scenario with calls the fake kernel answers, for the verify window's table. */
    private static Scenario twoCalls() {
        long g = 1L << 30;
        long ram = 0x7f00_0000_0000L;
        Host host = new Host(Arch.X86_AMD, Granule.G4K, 47, Set.of());
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(X86Quirk.IGNORE_GUEST_PAT), false);
        Vma v = new Vma("ram", ram, 4 * g, Perms.RW_SHARED, Set.of(), MemType.WB, Backing.ram(4096));
        return new Scenario("two calls", "", host, vm, List.of(v), List.of(
                new MemslotCall(0, 0, 0, 2 * g, ram, Set.of(), 0, ""),
                new MemslotCall(1, 0, 2 * g, g, ram + 2 * g, Set.of(), 0, "")), Guest.EMPTY);
    }

    @Test
    void everyChildWindowFollowsTheThemeWhileOpenAndShowsSelectionsPlaceholdersAndBoxesReadably(FxRobot robot)
            throws Exception {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, 0));
        robot.interact(() -> {
            window.openCompare();
            window.openMemtypes();
            window.setKernel(() -> k);
        });
        Scenario grace = window.document().scenario();
        robot.interact(() -> {
            window.document().load(twoCalls(), null);
            window.openVerify();
        });
        for (int i = 0; i < 200 && window.hostActions().pending(); i++) {
            Thread.sleep(10);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.interact(() -> window.document().load(grace, null));
        Stage compare = window.compareView().stage();
        Stage memtypes = window.memtypes().stage();
        Stage verify = window.hostActions().verifyView().stage();
        List<Stage> all = List.of(stage, compare, memtypes, verify);
        robot.interact(() -> all.forEach(WindowsDarkThemeTest::layout));
        for (Stage s : all) {
            light(s.getTitle() + " (light theme)", face(root(s)));
        }

        robot.interact(() -> window.viewModel().darkProperty().set(true)); // what View > Dark theme toggles
        robot.interact(() -> all.forEach(WindowsDarkThemeTest::layout));
        for (Stage s : all) {
            dark(s.getTitle() + " root, switched while open", face(root(s)));
        }
        robot.interact(() -> {
            var cmp = window.compareView().table(window.compareView().model().memslots());
            cmp.requestFocus();
            selectedRowIsReadableOnDark("compare (focused)", selectedFirstRow(cmp, ".table-row-cell"));
            var v = window.hostActions().verifyView().table();
            selectedRowIsReadableOnDark("verify (not focused)", selectedFirstRow(v, ".table-row-cell"));
            var ranges = window.tables().lookup("#range-table") instanceof TableView<?> t ? t : null;
            assertNotNull(ranges, "the range table");
            selectedRowIsReadableOnDark("range table", selectedFirstRow(ranges, ".table-row-cell"));
            ListView<?> findings = window.findingsList();
            selectedRowIsReadableOnDark("findings list", selectedFirstRow(findings, ".list-cell"));
        });
        robot.interact(() -> {
            // Placeholders: the memory-type explorer's empty range list and the filter's prompt.
            Node placeholder = window.memtypes().stage().getScene().getRoot().lookup("#mx-ranges .placeholder .label");
            assertNotNull(placeholder, "the explorer's range list shows its placeholder");
            light("explorer placeholder text", luminance(((Labeled) placeholder).getTextFill()));
            TextField filter = window.tables().filterField();
            filter.setText("");
            stage.getScene().getRoot().requestFocus();
            filter.applyCss();
            Text prompt = filter.lookupAll(".text").stream().map(n -> (Text) n)
                    .filter(t -> t.getText().startsWith("Filter")).findFirst().orElseThrow();
            double field = face(filter);
            assertTrue(luminance(prompt.getFill()) - field > 0.2, "the filter's prompt stands out from its dark field: "
                    + luminance(prompt.getFill()) + " on " + field);
            // An unchecked check box keeps a visible outline on the dark window.
            CheckBox allRows = (CheckBox) memtypes.getScene().getRoot().lookup("#mx-all");
            assertTrue(!allRows.isSelected());
            Region box = (Region) allRows.lookup(".box");
            assertTrue(contrastAgainst(box, faceColor(root(memtypes))) > 0.2,
                    "the unchecked box's outline is visible: " + contrastAgainst(box, faceColor(root(memtypes))));
            // The explorer's grid: group bands and heads are not light islands, cell text is light.
            Region group = (Region) memtypes.getScene().getRoot().lookup(".mx-group");
            dark("explorer group band", face(group));
            Labeled cell = (Labeled) memtypes.getScene().getRoot().lookup(".mx-cell");
            light("explorer cell text", luminance(cell.getTextFill()));
        });

        // Popups: the band context menu and the policy combo's list.
        robot.interact(() -> {
            window.viewModel().select(new Ref.Vma(0));
            var b = window.bandView();
            var p = b.localToScreen(20, 20);
            window.contextMenu().menu().show(b, p.getX(), p.getY());
        });
        robot.interact(() -> {
            Region menu = (Region) window.contextMenu().menu().getSkin().getNode();
            menu.applyCss();
            dark("band context menu", face(menu));
            Labeled item = (Labeled) menu.lookup(".label");
            light("context menu item", luminance(item.getTextFill()));
            window.contextMenu().menu().hide();
            @SuppressWarnings("unchecked")
            ComboBox<Object> policy = (ComboBox<Object>) stage.getScene().getRoot().lookup("#tb-policy");
            policy.show();
        });
        robot.interact(() -> {
            var policy = (ComboBox<?>) stage.getScene().getRoot().lookup("#tb-policy");
            var list = (ListView<?>) ((javafx.scene.control.skin.ComboBoxListViewSkin<?>) policy.getSkin()).getPopupContent();
            list.applyCss();
            IndexedCell<?> cell = list.lookupAll(".list-cell").stream().map(n -> (IndexedCell<?>) n)
                    .filter(c -> !c.isEmpty() && !c.isSelected()).findFirst().orElseThrow();
            dark("policy list entry", face(cell));
            light("policy list entry text", luminance(((Labeled) cell).getTextFill()));
            policy.hide();
        });

        robot.interact(() -> window.viewModel().darkProperty().set(false));
        robot.interact(() -> all.forEach(WindowsDarkThemeTest::layout));
        for (Stage s : all) {
            light(s.getTitle() + " back to light", face(root(s)));
        }
    }

    /** The dialog window with this title once it is up (dialogs block in showAndWait, so they open later). */
    private DialogPane dialog(String title) {
        for (int i = 0; i < 100; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w instanceof Stage s && title.equals(s.getTitle()) && s.getScene().getRoot().lookup(".dialog-pane") != null) {
                    return (DialogPane) s.getScene().getRoot().lookup(".dialog-pane");
                }
            }
        }
        throw new AssertionError("no dialog " + title);
    }

    private void closeDialog(FxRobot robot, DialogPane pane) {
        robot.interact(() -> {
            for (ButtonType t : pane.getButtonTypes()) {
                if (t.getButtonData().isCancelButton() || t == ButtonType.OK || t.getButtonData().isDefaultButton()) {
                    ((javafx.scene.control.Button) pane.lookupButton(t)).fire();
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyDialogOfTheRealDialogServiceIsDarkInTheDarkTheme(FxRobot robot) {
        robot.interact(() -> window.setDark(true));
        record Case(String title, Runnable open) { }
        List<Case> cases = List.of(
                new Case("Keys", window::showKeys),
                new Case("About Stage2Scope", window::showAbout),
                new Case("Go to", window::askGoTo),
                new Case("Import from QEMU", () -> window.files().importDialog()),
                new Case("Error", () -> window.openFile(java.nio.file.Path.of("/no/such/scenario.json"))),
                new Case("Confirmation", () -> {
                    window.toggleFeature(org.stage2scope.model.CpuFeature.FWB, false); // unsaved: New asks first
                    window.files().newScenario();
                }));
        for (Case c : cases) {
            Platform.runLater(c.open());
            DialogPane pane = dialog(c.title());
            robot.interact(() -> pane.getScene().getRoot().applyCss());
            dark(c.title() + " dialog", face(pane));
            Labeled text = (Labeled) pane.lookupAll(".label").stream()
                    .filter(n -> n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()
                            && n.isVisible()).findFirst().orElse(null);
            if (text != null) {
                light(c.title() + " dialog text", luminance(text.getTextFill()));
            }
            closeDialog(robot, pane);
        }
    }
}
