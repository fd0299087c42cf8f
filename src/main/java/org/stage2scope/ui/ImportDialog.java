package org.stage2scope.ui;

import java.nio.file.Path;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.model.Arch;

/**
 * File > Import from QEMU: asks for the QEMU process's /proc/PID/smaps copy, a monitor transcript with
 * {@code info mtree -f} and {@code info ramblock}, an optional arch and "keep all VMAs". Only collects the
 * choice; {@link MainWindow#importQemu} does the work, so tests need no file chooser.
 */
final class ImportDialog {
    /** What the user chose. */
    record Request(Path smaps, Path monitor, ImportOptions options) {}

    private static final String AUTO = "auto (guess from the machine's regions)";

    private ImportDialog() {}

    /** The dialog, owned by the main window and in its theme, not yet shown (FxDialogService shows it). */
    static Dialog<Request> dialog(Window owner, AppWindows windows) {
        Dialog<Request> d = windows.dialog();
        d.setTitle("Import from QEMU");
        d.setHeaderText(null);
        TextField smaps = new TextField();
        smaps.setPromptText("sudo cat /proc/$(pidof qemu-system-aarch64)/smaps > smaps.txt");
        TextField monitor = new TextField();
        monitor.setPromptText("(qemu) info mtree -f  and  (qemu) info ramblock, saved to one file");
        ComboBox<Object> arch = new ComboBox<>(FXCollections.observableArrayList(AUTO, Arch.ARM64, Arch.X86_INTEL, Arch.X86_AMD));
        arch.setValue(AUTO);
        arch.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Object o) {
                return o instanceof Arch a ? a.id() : o == null ? "" : o.toString();
            }

            @Override
            public Object fromString(String s) {
                return null;
            }
        });
        CheckBox all = new CheckBox("Keep all VMAs (not only guest RAM and VM_PFNMAP ones)");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label("smaps file:"), smaps, browse(owner, smaps, "/proc/PID/smaps copy"));
        g.addRow(1, new Label("Monitor transcript:"), monitor, browse(owner, monitor, "QEMU monitor transcript"));
        g.addRow(2, new Label("Host arch:"), arch);
        g.add(all, 1, 3);
        GridPane.setHgrow(smaps, Priority.ALWAYS);
        smaps.setPrefColumnCount(40);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ok).disableProperty()
                .bind(smaps.textProperty().isEmpty().or(monitor.textProperty().isEmpty()));
        d.setResultConverter(b -> b != ok ? null : new Request(Path.of(smaps.getText().trim()), Path.of(monitor.getText().trim()),
                new ImportOptions(arch.getValue() instanceof Arch a ? a : null, all.isSelected(), null)));
        return d;
    }

    private static Button browse(Window owner, TextField target, String what) {
        Button b = new Button("Browse\u2026");
        b.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Choose the " + what);
            var f = fc.showOpenDialog(owner);
            if (f != null) {
                target.setText(f.getAbsolutePath());
            }
        });
        return b;
    }
}
