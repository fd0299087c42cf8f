package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Change;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.render.Fixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The outline of what an edit changed stays on the picture until the next edit replaces it or a click
 * or Esc on the picture takes it away (it used to fade after 1.6 s, before the room had found it).
 */
@ExtendWith(ApplicationExtension.class)
class ChangeOutlineTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new ArrayList<>(), new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private List<Change> outlined(FxRobot robot) {
        List<List<Change>> out = new ArrayList<>();
        robot.interact(() -> out.add(window.bandView().highlighted()));
        return out.get(0);
    }


    @Test
    void theOutlineOutlastsTheOldFadeAndGoesOnAClickOrEsc(FxRobot robot) {
        robot.interact(() -> window.toggleFeature(CpuFeature.FWB, false));
        assertFalse(outlined(robot).isEmpty(), "FWB off changes lanes, which are outlined");
        // Well past the old 1.6 s fade: nothing but the user may take the outline away.
        WaitForAsyncUtils.sleep(2500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(outlined(robot).isEmpty(), "the outline is still there");
        assertTrue(window.viewModel().statusProperty().get().contains("Changed:"), "and the status line says old -> new");

        robot.clickOn(window.bandView());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(outlined(robot).isEmpty(), "a click on the picture takes it away");
        assertTrue(window.viewModel().statusProperty().get().contains("Changed:"), "the words stay until the next edit");

        robot.interact(() -> window.toggleFeature(CpuFeature.FWB, true));
        assertFalse(outlined(robot).isEmpty(), "the next edit outlines its own changes");
        robot.interact(() -> window.bandView().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(outlined(robot).isEmpty(), "Esc on the picture takes it away");
    }
}
