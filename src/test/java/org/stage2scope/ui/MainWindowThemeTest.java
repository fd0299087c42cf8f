package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View > Dark theme: the picture, the controls and the compare window all turn dark, and back. */
@ExtendWith(ApplicationExtension.class)
class MainWindowThemeTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new ArrayList<>(), new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private int pictureCornerPixel(FxRobot robot) {
        int[] rgb = new int[1];
        robot.interact(() -> {
            WritableImage img = window.bandView().snapshot(null, null);
            rgb[0] = img.getPixelReader().getArgb(2, 2) & 0xffffff;
        });
        return rgb[0];
    }

    @Test
    void darkThemeTurnsThePictureTheControlsAndTheCompareWindowDark(FxRobot robot) {
        assertEquals(Theme.light().background() & 0xffffff, pictureCornerPixel(robot));
        robot.clickOn("View").clickOn("Dark theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.viewModel().themeProperty().get().isDark());
        assertEquals(Theme.dark().background() & 0xffffff, pictureCornerPixel(robot), "the canvas repaints dark");
        assertTrue(window.fxScene().getRoot().getStyleClass().contains("dark"), "controls follow (app.css .root.dark)");
        robot.clickOn("#tb-present");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.viewModel().themeProperty().get().isDark(), "presentation keeps the dark choice");
        assertTrue(window.viewModel().themeProperty().get().fontSize() > Theme.dark().fontSize());

        robot.interact(() -> window.openCompare());
        assertTrue(window.compareView().isDark(), "the compare window opens dark");
        robot.interact(() -> window.setDark(false));
        assertFalse(window.fxScene().getRoot().getStyleClass().contains("dark"));
        assertFalse(window.compareView().isDark(), "and follows the switch back");
    }
}
