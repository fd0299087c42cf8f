package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemType;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Scene;
import org.stage2scope.render.Style;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Files with the real reader and writer: the default sample, save and reopen, and the headless fallback picture. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFilesTest {
    private MainWindow window;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors);
        window.openDefault();
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private int pfnmapSlotRefusedWithoutFwb(Evaluation withFwb, Evaluation withoutFwb) {
        for (int i = 0; i < withFwb.memslotCalls().size(); i++) {
            if (withFwb.memslotCalls().get(i).ok() && withoutFwb.memslotCalls().get(i).errno() == Errno.EINVAL) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void onTheDefaultSampleFwbOffRefusesTheCacheablePfnmapSlotAndFwbOnMapsItWriteBack(FxRobot robot) {
        assertTrue(errors.isEmpty(), errors.toString());
        Evaluation on = window.document().evaluation();
        assertNotNull(on, "the default sample evaluates");
        assertTrue(on.scenario().host().has(CpuFeature.FWB), "an FWB host");

        robot.clickOn("#tb-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        Evaluation off = window.document().evaluation();
        assertFalse(off.scenario().host().has(CpuFeature.FWB));
        int i = pfnmapSlotRefusedWithoutFwb(on, off);
        assertTrue(i >= 0, "one memslot call goes from ok to EINVAL when FWB is off");
        var call = on.memslotCalls().get(i).call();
        String row = window.findingsList().getItems().stream().map(FindingRow::toString)
                .filter(t -> t.contains("call #" + i + " ")).findFirst().orElseThrow();
        assertTrue(row.startsWith("ERROR") && row.contains("EINVAL"), row);
        Scene sceneOff = window.bandView().scene();
        assertTrue(sceneOff.hits().stream().anyMatch(h -> h.ref().equals(new Ref.MemslotCall(i))
                && h.style() == Style.SLOT_REFUSED), "the refused call is drawn as a ghost");

        robot.clickOn("#tb-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        Evaluation back = window.document().evaluation();
        List<Stage2Run> runs = back.stage2().stream().filter(r -> r.slot() == call.slot()).collect(Collectors.toList());
        assertFalse(runs.isEmpty());
        for (Stage2Run r : runs) {
            assertEquals(Stage2Run.Outcome.MAPPED, r.outcome());
            assertEquals("Normal-WB", r.s2().type());
        }
        window.bandView().fitAll();
        robot.interact(() -> window.bandView().redraw());
        assertTrue(window.bandView().scene().hits().stream().anyMatch(h -> h.lane().equals(Layout.LANE_S2)
                && h.style() == Style.WRITE_BACK && h.ref().equals(new Ref.GpaRange(runs.get(0).gpa(), runs.get(0).size()))));

        robot.interact(() -> window.document().undo());
        assertFalse(window.document().scenario().host().has(CpuFeature.FWB), "undo takes back the second toggle");
        assertEquals(Errno.EINVAL, window.document().evaluation().memslotCalls().get(i).errno());
    }

    @Test
    void inspectorChangesAVmaMemTypeThenSaveAndReopenKeepsIt(FxRobot robot, @TempDir Path dir) {
        robot.interact(() -> window.viewModel().select(new Ref.Vma(0)));
        @SuppressWarnings("unchecked")
        ComboBox<Object> memType = robot.lookup("#prop-memType").queryAs(ComboBox.class);
        MemType target = window.document().scenario().vmas().get(0).memType() == MemType.MT_NORMAL_NC
                ? MemType.MT_NORMAL : MemType.MT_NORMAL_NC;
        robot.interact(() -> {
            memType.setValue(target);
            memType.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target, window.document().scenario().vmas().get(0).memType());
        assertTrue(window.document().isDirty());
        assertTrue(robot.window(0).getScene() != null);

        Path file = dir.resolve("edited.json");
        robot.interact(() -> assertTrue(window.saveTo(file)));
        assertFalse(window.document().isDirty());
        assertTrue(((Stage) window.fxScene().getWindow()).getTitle().endsWith("edited.json"));
        var saved = window.document().scenario();
        robot.interact(() -> window.document().load(org.stage2scope.ui.MainWindow.blankScenario(), null));
        robot.interact(() -> assertTrue(window.openFile(file)));
        assertEquals(saved, window.document().scenario());
        assertEquals(target, window.document().scenario().vmas().get(0).memType());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void exportedPngIsTheHeadlessFallbackPicture(FxRobot robot, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("export.png");
        robot.interact(() -> assertTrue(window.exportPng(png, 1, false)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = HeadlessFallback.run(dir, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.startsWith("No display found"), text);
        Path fallback = dir.resolve(HeadlessFallback.pictureName(SampleCatalog.DEFAULT));
        assertTrue(text.contains(fallback.toAbsolutePath().toString()));
        var a = ImageIO.read(png.toFile());
        var b = ImageIO.read(fallback.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        assertTrue(Files.size(fallback) > 10_000);
    }
}
