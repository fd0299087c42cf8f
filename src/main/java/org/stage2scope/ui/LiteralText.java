package org.stage2scope.ui;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Window;

/**
 * Text in this app is kernel names (VM_PFNMAP, IGNORE_GUEST_PAT, KVM_MEM_READONLY), and JavaFX reads the
 * first '_' of a button's, check box's, titled pane's or menu item's text as a mnemonic marker and hides
 * it: "IGNORE_GUEST_PAT" showed as "IGNOREGUEST_PAT". The app has no mnemonics (every action has an
 * accelerator, and Help > Keys lists them), so the rule is simply that no text is ever parsed for one.
 *
 * <p>{@link #everywhere()} applies it to every window, popup and dialog that shows, to every node and menu
 * item in them and to every one added later, so no control or factory has to remember it. (A JavaFX
 * stock button whose own text carries a mnemonic, ButtonType.YES's "_Yes", would show its underscore;
 * the app's dialogs use OK, Cancel and their own words.)
 */
final class LiteralText {
    /** Marks a node, scene or window already followed, so a second visit adds no second listener. */
    private static final Object FOLLOWED = new Object();
    /** Marks an owner (menu, context menu, menu button, menu bar) whose item list is followed. */
    private static final Object ITEMS_FOLLOWED = new Object();
    private static boolean installed;

    private LiteralText() {}

    /** Installs the rule for every window of the application; once is enough, more calls do nothing. FX thread. */
    static void everywhere() {
        if (installed) {
            return;
        }
        installed = true;
        ObservableList<Window> windows = Window.getWindows();
        List.copyOf(windows).forEach(LiteralText::window);
        windows.addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(LiteralText::window);
            }
        });
    }

    private static void window(Window w) {
        if (w instanceof ContextMenu m) {
            contextMenu(m);
        }
        scene(w.getScene());
        if (firstVisit(w.getProperties())) {
            w.sceneProperty().addListener((o, was, now) -> scene(now));
        }
    }

    private static void scene(Scene s) {
        if (s == null) {
            return;
        }
        node(s.getRoot());
        if (firstVisit(s.getProperties())) {
            s.rootProperty().addListener((o, was, now) -> node(now));
        }
    }

    /** The node and everything under it, now and whenever children, menus or a context menu are added. */
    static void node(Node n) {
        if (n == null) {
            return;
        }
        if (n instanceof Labeled l) {
            l.setMnemonicParsing(false);
        }
        boolean first = firstVisit(n.getProperties());
        if (n instanceof Control c) {
            contextMenu(c.getContextMenu());
            if (first) {
                c.contextMenuProperty().addListener((o, was, now) -> contextMenu(now));
            }
        }
        if (n instanceof MenuButton b) {
            items(b.getItems(), b.getProperties());
        }
        if (n instanceof MenuBar b) {
            items(b.getMenus(), b.getProperties());
        }
        if (n instanceof TabPane tp) {
            // A tab is no node: its content and context menu are reached through it.
            each(tp.getTabs(), LiteralText::tab, first);
        }
        if (n instanceof Parent p) {
            each(p.getChildrenUnmodifiable(), LiteralText::node, first);
        }
    }

    private static void tab(Tab t) {
        node(t.getContent());
        contextMenu(t.getContextMenu());
    }

    private static void contextMenu(ContextMenu m) {
        if (m != null) {
            items(m.getItems(), m.getProperties());
        }
    }

    /** Menu items, submenus and their items, now and as they are added (Open recent is refilled). */
    private static void items(ObservableList<? extends MenuItem> items, ObservableMap<Object, Object> owner) {
        each(items, LiteralText::item, owner.putIfAbsent(ITEMS_FOLLOWED, Boolean.TRUE) == null);
    }

    /** Visits every element of {@code list} now and, when {@code follow}, every element added to it later. */
    private static <T> void each(ObservableList<? extends T> list, java.util.function.Consumer<T> visit, boolean follow) {
        list.forEach(visit);
        if (follow) {
            list.addListener((ListChangeListener<T>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(visit);
                }
            });
        }
    }

    private static void item(MenuItem mi) {
        mi.setMnemonicParsing(false);
        if (mi instanceof Menu m) {
            items(m.getItems(), m.getProperties());
        }
        if (mi instanceof CustomMenuItem c) {
            node(c.getContent());
        }
    }

    private static boolean firstVisit(ObservableMap<Object, Object> properties) {
        return properties.putIfAbsent(FOLLOWED, Boolean.TRUE) == null;
    }
}
