package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.host.FakeKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tools > Verify against this kernel, on host.FakeKernel: at the size it opens (and at its smallest) no
 * button's text is cut off, and the sentence under the table counts what the table shows, whether the
 * calls ran or nothing could run.
 */
@ExtendWith(ApplicationExtension.class)
class VerifyWindowTest {
    private static final List<String> VERDICTS = List.of("agree", "DISAGREE", "not reproduced");

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new ArrayList<>(), new ScenarioDocument());
        window.openDefault();
        window.show();
    }

    private VerifyView verify(FxRobot robot, FakeKernel k) throws InterruptedException {
        robot.interact(() -> {
            window.setKernel(() -> k);
            window.document().load(TestWindows.fourCalls("Grace Hopper GPU memory as cacheable PFNMAP, upstream policy, FWB on, four memslot calls"), null);
            window.openVerify();
        });
        for (int i = 0; i < 1000 && window.hostActions().pending(); i++) {
            Thread.sleep(10);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.hostActions().pending());
        return window.hostActions().verifyView();
    }

    /** Every button shows its whole text: the text node JavaFX draws is the button's text, no ellipsis. */
    private static void noButtonCutOff(VerifyView v, String when) {
        var root = v.stage().getScene().getRoot();
        root.applyCss();
        root.layout();
        List<Node> buttons = new ArrayList<>(root.lookupAll(".button"));
        assertTrue(buttons.size() >= 3, "Verify again, Cancel, Copy as text");
        for (Node n : buttons) {
            Button b = (Button) n;
            Text drawn = (Text) b.lookup(".text");
            assertEquals(b.getText(), drawn.getText(), when + ": button '" + b.getText() + "' is drawn whole (width "
                    + b.getWidth() + ", needs " + b.prefWidth(-1) + ")");
        }
    }

    @Test
    void noButtonIsCutOffAtTheDefaultOrTheSmallestSize(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, 0, Kernel.EINVAL, 0));
        VerifyView v = verify(robot, k);
        robot.interact(() -> noButtonCutOff(v, "default size " + v.stage().getWidth()));
        robot.interact(() -> {
            v.stage().setWidth(v.stage().getMinWidth());
            v.stage().setHeight(v.stage().getMinHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> noButtonCutOff(v, "smallest size " + v.stage().getWidth()));
    }

    /** The counts the summary sentence names ("3 agree"), each checked against the rows with that verdict. */
    private static void summaryCountsWhatTheTableShows(VerifyView v, String summary) {
        for (String verdict : VERDICTS) {
            long shown = v.table().getItems().stream().filter(r -> r.verdict().equals(verdict)).count();
            Matcher m = Pattern.compile("(\\d+) " + verdict).matcher(summary);
            if (m.find()) {
                assertEquals(shown, Long.parseLong(m.group(1)), "'" + summary + "' against " + shown + " " + verdict + " row(s)");
            }
        }
        long issued = v.table().getItems().stream().filter(r -> !r.verdict().equals("not reproduced")).count();
        Matcher m = Pattern.compile("(\\d+) issued").matcher(summary);
        if (m.find()) {
            assertEquals(issued, Long.parseLong(m.group(1)), summary);
        }
    }

    @Test
    void theSummaryCountsTheRowsOfAReplayThatRan(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, 0, Kernel.EINVAL, 0));
        VerifyView v = verify(robot, k);
        String summary = robot.lookup("#verify-summary").queryLabeled().getText();
        assertEquals(4, v.table().getItems().size());
        assertEquals("4 call(s): 4 issued, 3 agree, 1 DISAGREE, 0 not reproduced", summary);
        summaryCountsWhatTheTableShows(v, summary);
    }

    @Test
    void whenNothingRanTheSummaryAndTheEmptyTableSayTheSameSentence(FxRobot robot) throws Exception {
        VerifyView v = verify(robot, FakeKernel.withoutKvm(Kernel.ENOENT));
        String summary = robot.lookup("#verify-summary").queryLabeled().getText();
        assertTrue(v.table().getItems().isEmpty(), "no row can look like agreement");
        summaryCountsWhatTheTableShows(v, summary);
        assertEquals(summary, ((Labeled) v.table().getPlaceholder()).getText(), "the empty table says what the summary says");
        assertTrue(summary.startsWith("Nothing ran on this kernel"), summary);
        assertTrue(summary.contains("4 call(s)"), "it names the scenario's calls: " + summary);
    }
}
