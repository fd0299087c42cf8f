package org.stage2scope.ui;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;

/**
 * Right-click on a band (or the context-menu key): select it, zoom to it, copy its range or a Markdown
 * row, delete it (VMAs, memslot calls and accesses). Acts on the band under the pointer, whatever is
 * selected.
 */
final class BandContextMenu {
    private final MainViewModel vm;
    private final ContextMenu menu = new ContextMenu();
    private Ref target = Ref.NONE;

    BandContextMenu(MainViewModel vm, BandView bands) {
        this.vm = vm;
        MenuItem select = item("ctx-select", "Select", () -> vm.select(target));
        MenuItem zoom = item("ctx-zoom", "Zoom to", () -> vm.reveal(target));
        MenuItem range = item("ctx-copy-range", "Copy range", () -> copy(BandText.range(evaluation(), target)));
        MenuItem md = item("ctx-copy-markdown", "Copy as Markdown row", () -> copy(BandText.markdownRow(evaluation(), target)));
        MenuItem delete = item("ctx-delete", "Delete", () -> vm.remove(target));
        menu.getItems().addAll(select, zoom, new SeparatorMenuItem(), range, md, new SeparatorMenuItem(), delete);
        menu.setOnShowing(e -> delete.setDisable(!MainViewModel.removable(target)));
        bands.setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger()) {
                var centre = bands.localToScreen(bands.getWidth() / 2, bands.getHeight() / 2);
                show(bands, vm.selection(), centre.getX(), centre.getY());
            } else {
                show(bands, pointed(bands, e.getX(), e.getY()), e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        // Platforms (and Monocle) that send no context-menu event for a right click still get the menu.
        bands.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY && !menu.isShowing()) {
                show(bands, pointed(bands, e.getX(), e.getY()), e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
    }

    private Ref pointed(BandView bands, double x, double y) {
        var hit = bands.hitAt(x, y);
        return hit != null ? hit.ref() : vm.selection();
    }

    private void show(BandView bands, Ref r, double screenX, double screenY) {
        if (r instanceof Ref.None || evaluation() == null) {
            return;
        }
        target = r;
        menu.show(bands, screenX, screenY);
    }

    /** The menu (tests). */
    ContextMenu menu() {
        return menu;
    }

    private Evaluation evaluation() {
        return vm.document().evaluation();
    }

    private void copy(String text) {
        if (text.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        vm.say("Copied " + text);
    }

    private static MenuItem item(String id, String text, Runnable r) {
        MenuItem mi = new MenuItem(text);
        mi.setId(id);
        mi.setOnAction(e -> r.run());
        return mi;
    }
}
