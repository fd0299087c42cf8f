package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.MemType;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Style;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The user's flows on the real engine, driven headless through the window. */
@ExtendWith(ApplicationExtension.class)
class MainWindowEngineTest {
    private MainWindow window;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors);
        // The real engine on the hand-built Grace-Hopper-like scenario (the bundled samples arrive with io).
        window.document().load(org.stage2scope.render.Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    // The FWB off/on/undo flow runs on the bundled default sample in MainWindowFilesTest.

    @Test
    void inspectorMemTypeEditReachesTheEngine(FxRobot robot) {
        robot.interact(() -> window.viewModel().select(new Ref.Vma(1)));
        @SuppressWarnings("unchecked")
        ComboBox<Object> memType = robot.lookup("#prop-memType").queryAs(ComboBox.class);
        assertEquals(MemType.MT_NORMAL, memType.getValue());
        String before = window.document().evaluation().stage2().stream().filter(r -> r.slot() == 1)
                .map(r -> r.s2().type()).findFirst().orElseThrow();
        assertEquals("Normal-WB", before);
        robot.interact(() -> {
            memType.setValue(MemType.MT_DEVICE_nGnRE);
            memType.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemType.MT_DEVICE_nGnRE, window.document().scenario().vmas().get(1).memType());
        Stage2Run gpu = window.document().evaluation().stage2().stream().filter(r -> r.slot() == 1).findFirst().orElseThrow();
        assertEquals(Stage2Run.Outcome.MAPPED, gpu.outcome());
        assertTrue(gpu.s2().type().startsWith("Device"), gpu.s2().type());
        assertTrue(window.bandView().scene().hits().stream().anyMatch(h -> h.lane().equals(Layout.LANE_S2)
                && h.style() == Style.DEVICE && h.ref().equals(new Ref.GpaRange(gpu.gpa(), gpu.size()))));
        robot.interact(() -> window.document().undo());
        assertEquals(MemType.MT_NORMAL, window.document().scenario().vmas().get(1).memType());
    }

    @Test
    void exportOfTheRealEvaluationIsNotBlankAndNamesTheScenario(FxRobot robot, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("e.png");
        Path svg = dir.resolve("e.svg");
        robot.interact(() -> {
            assertTrue(window.exportPng(png, 1, false));
            assertTrue(window.exportSvg(svg, false));
        });
        var img = ImageIO.read(png.toFile());
        assertEquals(1600, img.getWidth());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.contains(org.stage2scope.render.Theme.OI_BLUE), "Normal-WB bands present");
        assertTrue(colours.contains(org.stage2scope.render.Theme.OI_ORANGE), "Device bands present");
        String text = Files.readString(svg);
        assertTrue(text.contains(">grace-hopper-fwb</text>"));
        assertTrue(text.contains(">slot 3 (rom): EEXIST</text>"), "the overlapping call is labelled with its errno");
    }
}
