package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.render.Fixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * F5 presentation mode, by keys on the real window: the picture fills everything but the status line (no
 * menu bar, no toolbar, no panels), a hint says how to leave, and leaving by F5 or by Esc puts back every
 * font, size and divider exactly as it was.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = TestWindows.open(stage, new ArrayList<>(), new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private Node lookup(String selector) {
        return stage.getScene().getRoot().lookup(selector);
    }

    /** What "as before" means: every label font and every part's size and divider, as laid out. */
    private Map<String, Object> layoutFacts(FxRobot robot) {
        Map<String, Object> facts = new LinkedHashMap<>();
        robot.interact(() -> {
            var root = stage.getScene().getRoot();
            root.applyCss();
            root.layout();
            int i = 0;
            for (Node n : lookup(".menu-bar").lookupAll(".label")) {
                facts.put("menu label " + i++ + " " + ((Labeled) n).getText(), ((Labeled) n).getFont().getSize());
            }
            for (String sel : List.of(".menu-bar", ".tool-bar", ".status-bar", "#status", "#tables", "#findings",
                    "#explanation", "#inspector", ".split-pane")) {
                Node n = lookup(sel);
                if (n != null) {
                    Bounds b = n.getLayoutBounds();
                    facts.put(sel + " size", b.getWidth() + " x " + b.getHeight());
                }
            }
            facts.put("picture size", window.bandView().getWidth() + " x " + window.bandView().getHeight());
            facts.put("status font", ((Labeled) lookup("#status")).getFont());
            int k = 0;
            for (Node n : root.lookupAll(".split-pane")) {
                facts.put("dividers " + k++, java.util.Arrays.toString(((SplitPane) n).getDividerPositions()));
            }
            List<Labeled> labeled = new ArrayList<>();
            collect(lookup(".tool-bar"), labeled);
            int t = 0;
            for (Labeled l : labeled) {
                facts.put("toolbar font " + t++ + " " + l.getText(), l.getFont());
            }
        });
        return facts;
    }

    private static void collect(Node n, List<Labeled> into) {
        if (n instanceof Labeled l) {
            into.add(l);
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, into));
        }
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    private void assertPresenting(FxRobot robot) {
        robot.interact(() -> {
            var root = stage.getScene().getRoot();
            root.applyCss();
            root.layout();
            assertTrue(window.viewModel().presentationProperty().get());
            assertFalse(shown(lookup(".menu-bar")), "the menu bar gives way to the picture");
            assertFalse(shown(lookup(".tool-bar")), "the toolbar gives way to the picture");
            Canvas canvas = (Canvas) window.bandView().lookupAll("Canvas").stream().filter(n -> n instanceof Canvas)
                    .findFirst().orElseThrow();
            Bounds c = canvas.localToScene(canvas.getLayoutBounds());
            double status = lookup(".status-bar").getLayoutBounds().getHeight();
            double sceneH = stage.getScene().getHeight();
            assertEquals(0, c.getMinY(), 0.5, "the picture starts at the top of the window");
            assertEquals(sceneH - status, c.getHeight(), 1.0, "the picture fills the window above the status line");
            assertEquals(stage.getScene().getWidth(), c.getWidth(), 1.0, "and its whole width");
            Labeled hint = (Labeled) lookup("#presentation-hint");
            assertTrue(hint != null && shown(hint), "a hint says how to leave");
            assertEquals("F5 or Esc: leave presentation", hint.getText());
        });
    }

    @Test
    void presentationFillsTheWindowWithThePictureAndLeavingByF5OrEscRestoresEveryFontAndSize(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.bandView().requestFocus());
        Map<String, Object> before = layoutFacts(robot);
        Node hint = lookup("#presentation-hint");
        assertTrue(hint == null || !shown(hint), "no hint outside presentation");

        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertPresenting(robot);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.viewModel().presentationProperty().get(), "F5 leaves");
        assertEquals(before, layoutFacts(robot), "F5 twice puts everything back");

        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertPresenting(robot);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.viewModel().presentationProperty().get(), "Esc leaves too");
        assertEquals(before, layoutFacts(robot), "F5 then Esc puts everything back");
    }
}
