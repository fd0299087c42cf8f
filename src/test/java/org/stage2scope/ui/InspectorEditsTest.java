package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.render.Fixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * No inspector edit is ever lost: a text field that commits on focus loss and the checkbox click that took
 * the focus both land, each as its own undo step, and two edits queued in one pulse both apply to the
 * document's current scenario (not to the one the rows were built from).
 */
@ExtendWith(ApplicationExtension.class)
class InspectorEditsTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new java.util.ArrayList<>(), new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(800); // the headless screen's full height, so the range table leaves every inspector row in view
        window.show();
        window.viewModel().select(new Ref.MemslotCall(0));
    }

    /** The inspector laid out with the memslot call's rows before the robot aims at them. */
    private static void settle(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MemslotCall call0() {
        return window.document().scenario().memslots().get(0);
    }

    @Test
    void typingASizeThenClickingAFlagCheckboxKeepsBothEditsAsTwoUndoSteps(FxRobot robot) {
        settle(robot);
        long before = call0().size();
        TextField size = robot.lookup("#prop-size").queryAs(TextField.class);
        robot.clickOn(size);
        robot.interact(size::selectAll);
        robot.write("4G");
        robot.clickOn(robot.lookup("#prop-" + MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES.id()).queryAs(CheckBox.class));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(4L << 30, call0().size(), "the size typed before the click landed");
        assertTrue(call0().has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES), "the click landed");
        assertTrue(robot.lookup("#prop-" + MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES.id()).queryAs(CheckBox.class).isSelected());
        assertEquals("4G", robot.lookup("#prop-size").queryAs(TextField.class).getText());

        robot.interact(() -> window.document().undo());
        assertFalse(call0().has(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES), "the first undo takes back only the flag");
        assertEquals(4L << 30, call0().size());
        robot.interact(() -> window.document().undo());
        assertEquals(before, call0().size(), "the second undo takes back the size");
        assertFalse(window.document().canUndoProperty().get());
    }

    @Test
    void twoEditsCommittedInOnePulseBothLand(FxRobot robot) {
        settle(robot);
        TextField gpa = robot.lookup("#prop-gpa").queryAs(TextField.class);
        CheckBox ro = robot.lookup("#prop-" + MemslotFlag.KVM_MEM_READONLY.id()).queryAs(CheckBox.class);
        robot.interact(() -> {
            gpa.setText("0x80000000");
            gpa.fireEvent(new javafx.event.ActionEvent());
            ro.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0x80000000L, call0().gpa());
        assertTrue(call0().has(MemslotFlag.KVM_MEM_READONLY));
        robot.interact(() -> window.document().undo());
        assertEquals(0x80000000L, call0().gpa());
        assertFalse(call0().has(MemslotFlag.KVM_MEM_READONLY));
    }

    @Test
    void rowsUpdateInPlaceSoTheControlUnderThePointerSurvivesAnEdit(FxRobot robot) {
        settle(robot);
        CheckBox ro = robot.lookup("#prop-" + MemslotFlag.KVM_MEM_READONLY.id()).queryAs(CheckBox.class);
        robot.clickOn(ro);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(call0().has(MemslotFlag.KVM_MEM_READONLY));
        CheckBox after = robot.lookup("#prop-" + MemslotFlag.KVM_MEM_READONLY.id()).queryAs(CheckBox.class);
        assertTrue(after == ro, "the same control, updated in place");
        robot.clickOn(after);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(call0().has(MemslotFlag.KVM_MEM_READONLY));
    }
}
