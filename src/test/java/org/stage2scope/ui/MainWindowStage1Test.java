package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Editing the guest's stage-1 ranges from a selected GPA range, on the bundled default sample and the real engine. */
@ExtendWith(ApplicationExtension.class)
class MainWindowStage1Test {
    private static final long USEMEM = 0x8000000000L;
    private static final long GIB = 1L << 30;

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

    private void selectUsemem(FxRobot robot) {
        Stage2Run run = window.document().evaluation().stage2().stream().filter(r -> r.gpa() == USEMEM).findFirst().orElseThrow();
        robot.interact(() -> window.viewModel().select(new Ref.GpaRange(run.gpa(), run.size())));
    }

    private static EffectiveRun effectiveAt(Evaluation ev, long gpa) {
        return ev.effective().stream().filter(e -> Long.compareUnsigned(e.gpa(), gpa) <= 0
                && Long.compareUnsigned(gpa, e.gpa() + e.size() - 1) <= 0).findFirst().orElse(null);
    }

    private void commitText(FxRobot robot, String id, String text) {
        TextField tf = robot.lookup(id).queryAs(TextField.class);
        robot.interact(() -> {
            tf.setText(text);
            tf.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void deviceStage1OverFwbUsememStaysWriteBackAndIsRefusedWithoutFwb(FxRobot robot) {
        List<Stage1Range> original = window.document().scenario().guest().stage1();
        int added = original.size();
        selectUsemem(robot);
        assertTrue(robot.lookup("#prop-s1-3-attr").tryQuery().isPresent(), "the 0xff range over usemem is listed");

        robot.interact(() -> robot.lookup("#prop-add-stage1").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(added + 1, window.document().scenario().guest().stage1().size());

        @SuppressWarnings("unchecked")
        ComboBox<Object> attr = robot.lookup("#prop-s1-" + added + "-attr").queryAs(ComboBox.class);
        assertEquals(List.of("0xff", "0x44", "0xbb", "0x04", "0x00", "0xf0"),
                attr.getItems().stream().map(o -> ((Stage1Attr) o).id()).toList());
        robot.interact(() -> {
            attr.setValue(Stage1Attr.parse(Arch.ARM64, "0x04"));
            attr.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        commitText(robot, "#prop-s1-" + added + "-size", "1G");

        assertEquals(new Stage1Range(USEMEM, GIB, new Stage1Attr.Mair(0x04)),
                window.document().scenario().guest().stage1().get(added));
        Evaluation ev = window.document().evaluation();
        EffectiveRun first = effectiveAt(ev, USEMEM);
        assertEquals(USEMEM, first.gpa());
        assertEquals(GIB, first.size());
        assertEquals(new Stage1Attr.Mair(0x04), first.stage1());
        assertEquals("Normal-WB", first.name(), "FWB forces write-back over the guest's Device attribute");
        assertTrue(ev.findings().stream().anyMatch(f -> f.rule().id().equals("mem.fwb.override-device")
                && f.ref().equals(new Ref.GpaRange(USEMEM, GIB))), "the FWB override is reported for the first GiB");

        robot.interact(() -> robot.lookup("#tb-fwb").queryAs(javafx.scene.control.ToggleButton.class).fire());
        assertEquals(null, effectiveAt(window.document().evaluation(), USEMEM), "without FWB the usemem slot is refused");

        robot.interact(() -> window.document().undo()); // FWB back on
        robot.interact(() -> window.document().undo()); // size
        robot.interact(() -> window.document().undo()); // attr
        robot.interact(() -> window.document().undo()); // the added range
        assertEquals(original, window.document().scenario().guest().stage1());
    }

    @Test
    void badStage1TextLeavesTheScenarioAndSaysWhy(FxRobot robot) {
        var before = window.document().scenario();
        selectUsemem(robot);
        commitText(robot, "#prop-s1-3-gpa", "0xzz");
        assertEquals(before, window.document().scenario());
        assertTrue(window.document().messageProperty().get().startsWith("Not changed: \"0xzz\" is not hex"),
                window.document().messageProperty().get());
        commitText(robot, "#prop-s1-3-size", "0");
        assertEquals(before, window.document().scenario());
        assertEquals("Not changed: a stage-1 range cannot be empty", window.document().messageProperty().get());
    }

    @Test
    void removeDeletesTheRangeAndMenuAddNeedsAGpaRange(FxRobot robot) {
        List<Stage1Range> original = window.document().scenario().guest().stage1();
        robot.interact(() -> assertFalse(window.viewModel().addStage1ForSelection()));
        assertEquals(original, window.document().scenario().guest().stage1());
        selectUsemem(robot);
        robot.interact(() -> robot.lookup("#prop-s1-3-remove").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        List<Stage1Range> now = window.document().scenario().guest().stage1();
        assertEquals(original.size() - 1, now.size());
        assertFalse(now.contains(original.get(3)));
        assertTrue(effectiveAt(window.document().evaluation(), USEMEM).stage1Assumed(), "no stage-1 range covers usemem now");
        robot.interact(() -> assertTrue(window.viewModel().addStage1ForSelection()));
        assertEquals(new Stage1Attr.Mair(0xff), window.document().scenario().guest().stage1().get(now.size()).attr());
    }

    private String explanation(FxRobot robot) {
        String[] t = new String[1];
        robot.interact(() -> t[0] = window.explanationArea().getText());
        return t[0];
    }

    @Test
    void theExplanationFollowsAnInspectorEditOfTheSelectedRange(FxRobot robot) {
        // The guest's Device-nGnRE range over FWB usemem, as the effective lane draws it.
        robot.interact(() -> window.viewModel().select(new Ref.GpaRange(USEMEM + 94 * GIB, GIB)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(explanation(robot).contains("stage 1: 0x04"), explanation(robot));

        @SuppressWarnings("unchecked")
        ComboBox<Object> attr = robot.lookup("#prop-s1-4-attr").queryAs(ComboBox.class);
        robot.interact(() -> {
            attr.setValue(Stage1Attr.parse(Arch.ARM64, "0xff"));
            attr.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Stage1Attr.parse(Arch.ARM64, "0xff"), window.document().scenario().guest().stage1().get(4).attr());
        // The range is now part of one 0xff effective run that starts below it: the text names that run,
        // it neither keeps the Device wording nor goes blank.
        String now = explanation(robot);
        assertFalse(now.contains("stage 1: 0x04"), now);
        assertTrue(now.contains("stage 1: 0xff") && now.contains("effective: Normal-WB"), now);
        assertTrue(now.contains("GPA 0x8000000000"), "the stage-2 run under the range is explained too: " + now);

        robot.interact(() -> window.toggleFeature(org.stage2scope.model.CpuFeature.FWB, false));
        WaitForAsyncUtils.waitForFxEvents();
        String refused = explanation(robot);
        assertTrue(refused.contains("no stage-2 mapping now") && refused.contains("EINVAL"),
                "without FWB usemem's memslot is refused, and the text says so: " + refused);
    }
}
