package org.stage2scope.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.render.Caption;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * File > Export and Copy picture: the whole scenario as {@link Picture} draws it for the headless
 * fallback and the {@code render} command (1600 px, caption, legend), or the part of the picture on
 * screen, as PNG (1x, 2x) or SVG, written atomically.
 */
final class PictureExport {
    private final MainViewModel vm;
    private final BandView bands;
    private final ScenarioFiles files;
    private DialogService dialogs;

    PictureExport(MainViewModel vm, BandView bands, ScenarioFiles files, DialogService dialogs) {
        this.vm = vm;
        this.bands = bands;
        this.files = files;
        this.dialogs = dialogs;
    }

    void setDialogs(DialogService d) {
        dialogs = d;
    }

    /** The picture Export writes: whole scenario (light or dark, 1600 px) or the visible part as shown. */
    Scene scene(boolean visibleOnly) {
        Evaluation ev = vm.document().evaluation();
        if (ev == null) {
            return null;
        }
        Theme t = vm.themeProperty().get();
        // The caption says what differs from the file or sample the scenario came from.
        var origin = vm.document().savedScenario();
        if (visibleOnly) {
            // The picture's own layout: its view may be of a range pinned onto the axis by "zoom to".
            var layout = bands.bandLayout() != null && bands.bandLayout().evaluation() == ev ? bands.bandLayout()
                    : org.stage2scope.render.Layout.of(ev);
            return Picture.of(layout, t, bands.view(), Math.max(800, bands.getWidth()), origin);
        }
        return Picture.of(ev, t.isDark() ? Theme.dark() : Theme.light(), View.ALL, Picture.EXPORT_WIDTH, origin);
    }

    boolean png(Path path, double scale, boolean visibleOnly) {
        return write(path, visibleOnly, sc -> PngPainter.write(sc, scale, path));
    }

    boolean svg(Path path, boolean visibleOnly) {
        return write(path, visibleOnly, sc -> {
            byte[] svg = SvgPainter.paint(sc).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(path, out -> out.write(svg));
        });
    }

    private interface Writer {
        void write(Scene sc) throws IOException;
    }

    private boolean write(Path path, boolean visibleOnly, Writer w) {
        Scene sc = scene(visibleOnly);
        if (sc == null) {
            dialogs.showError("Nothing to export: the scenario has no evaluation.");
            return false;
        }
        try {
            w.write(sc);
            files.recent().rememberFolder(path);
            vm.say("Exported " + path.getFileName());
            dialogs.notify("Exported " + path.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Cannot export " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    void dialog(String kind, double scale, boolean visibleOnly) {
        String name = files.safeName() + (visibleOnly ? "-view" : "") + (scale > 1 ? "@2x" : "") + "." + kind;
        var filter = new DialogService.Filter(kind.toUpperCase(Locale.ROOT) + " picture (*." + kind + ")", "*." + kind);
        dialogs.chooseSave("Export " + kind.toUpperCase(Locale.ROOT), files.folder(), name, List.of(filter)).ifPresent(p -> {
            if (kind.equals("svg")) {
                svg(p, visibleOnly);
            } else {
                png(p, scale, visibleOnly);
            }
        });
    }

    /** Copy picture: the PNG and the caption as text, so a chat or a document gets whichever it takes. */
    void copy() {
        Scene sc = scene(false);
        if (sc == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putImage(SwingFXUtils.toFXImage(PngPainter.paint(sc, 1), null));
        c.putString(String.join("\n", Caption.lines(vm.document().evaluation(), vm.document().savedScenario())));
        Clipboard.getSystemClipboard().setContent(c);
        vm.say("Picture copied to the clipboard");
    }
}
