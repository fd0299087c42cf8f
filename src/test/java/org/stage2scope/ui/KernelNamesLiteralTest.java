package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Ref;
import org.stage2scope.host.FakeKernel;
import org.stage2scope.model.VmFlag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Kernel names keep their underscores on screen. JavaFX reads the first '_' of a button's, check box's,
 * titled pane's or menu item's text as a mnemonic marker and hides it (IGNORE_GUEST_PAT showed as
 * IGNOREGUEST_PAT). This walks every node of every window, popup and dialog the main window opens, and
 * every menu item (menu bar, submenus, recent files, context menus), on arm64 and x86 samples.
 */
@ExtendWith(ApplicationExtension.class)
class KernelNamesLiteralTest {
    private MainWindow window;
    private Stage stage;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = TestWindows.open(stage, errors, new ScenarioDocument());
        window.openSample("grace-hopper-fwb.json");
        stage.setWidth(1600);
        stage.setHeight(1000);
        window.show();
    }

    @Test
    void arm64WindowChildWindowsMenusAndDialogsShowEveryUnderscore(FxRobot robot, @TempDir Path dir) throws Exception {
        Set<String> eaten = new LinkedHashSet<>();
        // A recent file whose name has underscores, and a VM_PFNMAP VMA in the inspector.
        robot.interact(() -> window.saveTo(dir.resolve("vfio_pfnmap_bar.json")));
        int pfnmap = pfnmapVma();
        robot.interact(() -> window.viewModel().select(new Ref.Vma(pfnmap)));
        assertEquals("VM_PFNMAP", shownText(robot, "#prop-VM_PFNMAP"), "the check box as drawn");
        walkAll(robot, eaten);

        // The picture's context menu, as the user opens it.
        robot.rightClickOn(window.bandView());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.contextMenu().menu().isShowing(), "the band menu opened");
        walkAll(robot, eaten);
        robot.type(KeyCode.ESCAPE);

        robot.interact(() -> window.viewModel().select(new Ref.MemslotCall(0)));
        walkAll(robot, eaten);

        // Every child window.
        FakeKernel kernel = new FakeKernel();
        robot.interact(() -> {
            window.setKernel(() -> kernel);
            window.openCompare();
            window.openMemtypes();
            window.openVerify();
        });
        TestWindows.awaitKernel(robot, window);
        walkAll(robot, eaten);

        // The real dialogs, shown without waiting so their buttons and texts can be looked at.
        List<Dialog<?>> shown = new ArrayList<>();
        FxDialogService fx = new FxDialogService(stage, new AppWindows(stage, window.viewModel().darkProperty()), null,
                new FxDialogService.Shower() {
            @Override
            public <R> Optional<R> show(Dialog<R> d) {
                d.show();
                shown.add(d);
                return Optional.empty();
            }
        });
        robot.interact(() -> {
            fx.showText("Keys", window.actions().keysText());
            fx.showAbout(AboutInfo.current());
            fx.showError("VM_PFNMAP without VM_ALLOW_ANY_UNCACHED");
            fx.askSaveChanges("quit");
            fx.askText("Go to", "GPA, hva, slot or name:", "vfio_bar0");
            fx.askImport();
        });
        assertEquals(6, shown.size());
        walkAll(robot, eaten);
        robot.interact(() -> shown.forEach(d -> d.getDialogPane().getScene().getWindow().hide()));

        assertEquals(List.of(), List.copyOf(eaten), "controls that hide the first '_' of their text");
    }

    @Test
    void x86SamplesShowIgnoreGuestPatAndTheSampleMenuNamesIt(FxRobot robot) throws Exception {
        Set<String> eaten = new LinkedHashSet<>();
        robot.interact(() -> window.openSample("x86-intel-quirk.json"));
        assertEquals("IGNORE_GUEST_PAT", shownText(robot, "#prop-IGNORE_GUEST_PAT"), "the quirk's check box as drawn");
        walkAll(robot, eaten);
        robot.interact(() -> window.openSample("x86-amd-guest-uc.json"));
        walkAll(robot, eaten);
        assertEquals(List.of(), List.copyOf(eaten), "controls that hide the first '_' of their text");
    }

    /** The child windows and dialogs would stay on screen over the next test's window. */
    @AfterEach
    void closeOthers(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide));
    }

    private int pfnmapVma() {
        var vmas = window.document().scenario().vmas();
        for (int i = 0; i < vmas.size(); i++) {
            if (vmas.get(i).flags().contains(VmFlag.VM_PFNMAP)) {
                return i;
            }
        }
        throw new AssertionError("the sample has a VM_PFNMAP VMA");
    }

    /** The text a labeled control draws (its skin's Text node), not the text it was given. */
    private static String shownText(FxRobot robot, String query) {
        Labeled l = robot.lookup(query).queryLabeled();
        Node text = l.lookup(".text");
        assertTrue(text instanceof Text, query + " is drawn");
        return ((Text) text).getText();
    }

    /**
     * Walks every showing window, then opens each combo box's list and walks again (its cells exist only
     * while it shows).
     */
    private static void walkAll(FxRobot robot, Set<String> eaten) {
        List<ComboBoxBase<?>> combos = new ArrayList<>();
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                walk(w, eaten, combos);
            }
        });
        for (ComboBoxBase<?> c : combos) {
            if (c.isDisabled() || !c.isVisible() || c.getScene() == null) {
                continue;
            }
            robot.interact(c::show);
            robot.interact(() -> {
                for (Window w : List.copyOf(Window.getWindows())) {
                    walk(w, eaten, new ArrayList<>());
                }
                c.hide();
            });
        }
    }

    private static void walk(Window w, Set<String> eaten, List<ComboBoxBase<?>> combos) {
        String where = w instanceof Stage s ? s.getTitle() : w.getClass().getSimpleName();
        if (w instanceof ContextMenu m) {
            items(m.getItems(), where, eaten);
        }
        if (w.getScene() != null) {
            nodes(w.getScene().getRoot(), where, eaten, combos);
        }
    }

    private static void nodes(Node n, String where, Set<String> eaten, List<ComboBoxBase<?>> combos) {
        if (n instanceof Labeled l) {
            check(l.getText(), l.isMnemonicParsing(), where + ": " + l.getClass().getSimpleName(), eaten);
        }
        if (n instanceof Control c && c.getContextMenu() != null) {
            items(c.getContextMenu().getItems(), where + ": context menu of " + c.getClass().getSimpleName(), eaten);
        }
        if (n instanceof MenuButton b) {
            items(b.getItems(), where + ": " + b.getText(), eaten);
        }
        if (n instanceof MenuBar b) {
            items(b.getMenus(), where + ": menu bar", eaten);
        }
        if (n instanceof ComboBoxBase<?> c) {
            combos.add(c);
        }
        if (n instanceof TabPane tp) {
            for (Tab t : tp.getTabs()) {
                if (t.getContent() != null) {
                    nodes(t.getContent(), where + ": tab " + t.getText(), eaten, combos);
                }
                if (t.getContextMenu() != null) {
                    items(t.getContextMenu().getItems(), where + ": tab " + t.getText(), eaten);
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                nodes(child, where, eaten, combos);
            }
        }
    }

    private static void items(List<? extends MenuItem> items, String where, Set<String> eaten) {
        for (MenuItem mi : items) {
            check(mi.getText(), mi.isMnemonicParsing(), where + ": " + mi.getClass().getSimpleName(), eaten);
            if (mi instanceof Menu m) {
                items(m.getItems(), where + " > " + m.getText(), eaten);
            }
            if (mi instanceof CustomMenuItem c && c.getContent() != null) {
                nodes(c.getContent(), where, eaten, new ArrayList<>());
            }
        }
    }

    private static void check(String text, boolean parsesMnemonic, String what, Set<String> eaten) {
        if (text != null && text.contains("_") && parsesMnemonic) {
            eaten.add(what + " '" + text + "'");
        }
    }
}
