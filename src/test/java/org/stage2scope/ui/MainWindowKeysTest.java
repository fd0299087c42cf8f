package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Scene;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Keys and pointer on the real window (fixture engine): undo and redo from any focus, go to, stepping
 * through bands and findings, the band context menu, About, the last folder, the close prompt.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowKeysTest {
    private static final Ref.GpaRange GPU = new Ref.GpaRange(0x40000000000L, 96L << 30);
    private MainWindow window;
    private Stage stage;
    private final List<String> errors = new ArrayList<>();
    private ScriptedDialogs dialogs;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dialogs = new ScriptedDialogs(errors);
        window = TestWindows.open(stage, dialogs, new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private String status() {
        return window.viewModel().statusProperty().get();
    }

    private void ctrl(FxRobot robot, KeyCode... keys) {
        robot.press(KeyCode.CONTROL);
        robot.type(keys);
        robot.release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlZWithThePictureFocusedUndoesAndDoesNotZoom(FxRobot robot) {
        robot.clickOn("#tb-fwb");
        robot.clickOn(window.bandView());
        assertFalse(window.document().scenario().host().has(CpuFeature.FWB));
        ctrl(robot, KeyCode.Z);
        assertTrue(window.document().scenario().host().has(CpuFeature.FWB), "Ctrl+Z undid the FWB toggle");
        assertEquals(1.0, window.bandView().view().span(), 1e-12, "the plain Z (zoom to selection) did not fire");
        assertTrue(status().startsWith("Undone: FWB off. Changed: "), "the status says what the undo changed: " + status());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.document().scenario().host().has(CpuFeature.FWB), "Ctrl+Shift+Z redid it");
        assertTrue(status().startsWith("Redone: FWB off. Changed: "), status());
    }

    @Test
    void undoAndRedoWorkWithTheFindingsListFocusedToo(FxRobot robot) {
        robot.interact(() -> window.toggleFeature(CpuFeature.DIC, false));
        robot.clickOn(window.findingsList());
        ctrl(robot, KeyCode.Z);
        assertTrue(window.document().scenario().host().has(CpuFeature.DIC));
        ctrl(robot, KeyCode.Y);
        assertFalse(window.document().scenario().host().has(CpuFeature.DIC), "Ctrl+Y redoes");
    }

    @Test
    void ctrlFGoesToAGpaAnHvaASlotOrAName(FxRobot robot) {
        robot.clickOn(window.bandView());
        dialogs.answers.add("0x40000001000");
        ctrl(robot, KeyCode.F);
        assertEquals(GPU, window.viewModel().selection(), "the stage-2 run holding that GPA");
        assertTrue(status().startsWith("Found GPA 0x40000000000"), status());
        dialogs.answers.add("gpa 0x10000800");
        ctrl(robot, KeyCode.F);
        assertEquals(new Ref.GpaRange(0x10000000L, 16L << 20), window.viewModel().selection());
        assertTrue(window.bandView().view().span() < 1, "and zoomed to it: " + window.bandView().view());

        dialogs.answers.add("vfio-bar0");
        ctrl(robot, KeyCode.F);
        assertEquals(new Ref.Vma(2), window.viewModel().selection());
        dialogs.answers.add("hva 0x7f0000001000");
        ctrl(robot, KeyCode.F);
        assertEquals(new Ref.Vma(0), window.viewModel().selection());
        dialogs.answers.add("3");
        ctrl(robot, KeyCode.F);
        assertEquals(new Ref.MemslotCall(3), window.viewModel().selection(), "slot id 3");
        dialogs.answers.add("no-such-thing");
        ctrl(robot, KeyCode.F);
        assertEquals(new Ref.MemslotCall(3), window.viewModel().selection(), "a miss keeps the selection");
        assertTrue(status().startsWith("Nothing matches \"no-such-thing\""), status());
    }

    @Test
    void bracketsStepThroughTheLaneAndF8ThroughTheFindings(FxRobot robot) {
        robot.clickOn(window.bandView());
        robot.type(KeyCode.ESCAPE);
        assertEquals(Ref.NONE, window.viewModel().selection(), "Esc clears the selection the click made");
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Ref.GpaRange(0x10000000L, 16L << 20), window.viewModel().selection(), "the lowest stage-2 run");
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(new Ref.GpaRange(0x40000000L, 4L << 30), window.viewModel().selection());
        robot.type(KeyCode.OPEN_BRACKET);
        assertEquals(new Ref.GpaRange(0x10000000L, 16L << 20), window.viewModel().selection());
        robot.interact(() -> window.viewModel().select(new Ref.Vma(0)));
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(new Ref.Vma(1), window.viewModel().selection(), "VMAs in HVA order: the GPU BAR is next above guest-ram");
        robot.type(KeyCode.CLOSE_BRACKET);
        assertEquals(new Ref.Vma(2), window.viewModel().selection(), "and wraps to vfio-bar0, the lowest");

        List<FindingRow> shown = window.findingsList().getItems().stream().filter(r -> !(r.ref() instanceof Ref.None)).toList();
        assertTrue(shown.size() >= 2, shown.toString());
        robot.type(KeyCode.F8);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(shown.get(0).ref(), window.viewModel().selection(), "F8: the first finding the panel lists");
        assertEquals(shown.get(0).toString(), status());
        robot.type(KeyCode.F8);
        assertEquals(shown.get(1).ref(), window.viewModel().selection(), "then the next");
        robot.press(KeyCode.SHIFT).type(KeyCode.F8).release(KeyCode.SHIFT);
        assertEquals(shown.get(0).ref(), window.viewModel().selection(), "Shift+F8 goes back");
    }

    @Test
    void theBandContextMenuCopiesTheRangeAndDeletesAVma(FxRobot robot) {
        Scene.Hit bar = window.bandView().scene().hits().stream().filter(h -> h.ref().equals(new Ref.Vma(2))).findFirst()
                .orElseThrow();
        var at = window.bandView().localToScreen(bar.x() + bar.w() / 2, bar.y() + bar.h() / 2);
        robot.moveTo(at).clickOn(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.contextMenu().menu().isShowing());
        robot.clickOn("Copy range");
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("0x7d0000000000-0x7d0000ffffff", clip[0]);

        robot.moveTo(at).clickOn(MouseButton.SECONDARY);
        robot.clickOn("Copy as Markdown row");
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("| VMA vfio-bar0 | 0x7d0000000000-0x7d0000ffffff | 16 MiB | MT_DEVICE_nGnRE VM_IO, VM_PFNMAP |  |", clip[0]);

        robot.moveTo(at).clickOn(MouseButton.SECONDARY);
        robot.clickOn("Delete");
        assertEquals(2, window.document().scenario().vmas().size());
        assertEquals("Removed VMA vfio-bar0. Changed: 1 lane \u2014 vfio-bar0 VMA MT_DEVICE_nGnRE -> removed", status());
        robot.interact(() -> window.document().undo());
        assertEquals(3, window.document().scenario().vmas().size());
        assertTrue(status().startsWith("Undone: Removed VMA vfio-bar0. Changed: "), status());
    }

    @Test
    void helpAboutNamesTheVersionTheLicenceAndTheDocs(FxRobot robot) {
        robot.clickOn("Help").clickOn("About Stage2Scope");
        assertNotNull(dialogs.about);
        assertEquals("MIT licence (see LICENSE)", dialogs.about.licence());
        assertFalse(dialogs.about.version().isBlank());
        assertTrue(dialogs.about.docs().stream().anyMatch(d -> d.location().endsWith("docs/ui.md")), dialogs.about.docs().toString());
        robot.push(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialogs.texts.get(0).contains("Undo"), "Help > Keys lists the table's shortcuts");
        assertTrue(dialogs.texts.get(0).contains("Go to"));
    }

    @Test
    void fileChoosersOpenInTheLastFolderUsed(FxRobot robot, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.json");
        ScenarioWriter.save(MainWindow.blankScenario(), f);
        robot.interact(() -> window.openFile(f));
        robot.clickOn("File").clickOn("Open\u2026");
        robot.clickOn("File").clickOn("Export SVG\u2026");
        assertEquals(List.of(dir.toAbsolutePath(), dir.toAbsolutePath()), dialogs.chooserFolders);
    }

    @Test
    void closingOverUnsavedChangesAsksCancelKeepsTheWindowAndSaveSavesFirst(FxRobot robot, @TempDir Path dir) {
        robot.interact(() -> window.toggleFeature(CpuFeature.DIC, false));
        dialogs.saveChoices.add(DialogService.SaveChoice.CANCEL);
        var cancelled = new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
        robot.interact(() -> stage.getOnCloseRequest().handle(cancelled));
        assertTrue(cancelled.isConsumed(), "Cancel keeps the window open");
        assertEquals(List.of("quit"), dialogs.asked);

        Path saved = dir.resolve("kept.json");
        dialogs.saveChoices.add(DialogService.SaveChoice.SAVE);
        dialogs.paths.add(saved);
        var close = new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
        robot.interact(() -> stage.getOnCloseRequest().handle(close));
        assertTrue(java.nio.file.Files.exists(saved), "Save asked where and saved");
        assertFalse(window.document().isDirty());
        assertFalse(close.isConsumed(), "after saving the window may close");

        var clean = new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
        robot.interact(() -> stage.getOnCloseRequest().handle(clean));
        assertFalse(clean.isConsumed());
        assertEquals(2, dialogs.asked.size(), "nothing unsaved: no question");
    }

    @Test
    void menusShowTheShortcutsThatWork() {
        var actions = window.actions();
        assertEquals("Shortcut+Z", actions.get("undo").key().getName());
        assertEquals("Shortcut+F", actions.get("go-to").key().getName());
        // The band steps: the accelerator must match the key a user presses and read as it is printed on it
        // ("Shortcut+CLOSE_BRACKET" parsed as the eleven-character "character" CLOSE_BRACKET: it showed as
        // "Ctrl+CLOSE_BRACKET" and no key ever matched it).
        for (String id : List.of("next-band", "previous-band")) {
            KeyCode code = id.startsWith("next") ? KeyCode.CLOSE_BRACKET : KeyCode.OPEN_BRACKET;
            String ch = code == KeyCode.CLOSE_BRACKET ? "]" : "[";
            KeyEvent press = new KeyEvent(KeyEvent.KEY_PRESSED, ch, ch, code, false, true, false, false);
            assertTrue(actions.get(id).key().match(press), id + " matches Ctrl+" + ch);
            assertEquals("Ctrl+" + ch, actions.get(id).keyText(), id);
        }
        MenuItem undo = ActionTable.item(actions.get("undo"));
        assertTrue(undo.isDisable(), "nothing to undo yet");
    }

    @Test
    void theKeysTextFitsItsDialogAndNamesEveryShortcut() {
        // Help > Keys shows this in a 72-column monospace area; its first line ran to 180 characters and
        // needed a horizontal scroll bar on a projector.
        String text = window.actions().keysText();
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 72, "wider than the dialog: \"" + line + "\"");
        }
        for (String key : new String[] {"Esc", "P ", "Z ", "F1", "F5", "Ctrl+Z", "Ctrl+F"}) {
            assertTrue(text.contains(key), "Keys lacks " + key + ":\n" + text);
        }
    }
}
