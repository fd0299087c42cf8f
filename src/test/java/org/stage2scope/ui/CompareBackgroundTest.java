package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Scenarios;
import org.stage2scope.engine.ScenarioEdits;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Scenario;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The compare window on a big scenario (2,000 memslot calls): the comparison runs off the UI thread, the
 * window says so, and an edit while it runs cancels it: only the newest scenario's rows are ever shown.
 */
@ExtendWith(ApplicationExtension.class)
class CompareBackgroundTest {
    private final ScenarioDocument doc = new ScenarioDocument(Evaluator::evaluate);
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private final List<Scenario> compared = new ArrayList<>();
    private final List<Boolean> shownWithFwb = new ArrayList<>();
    private CompareView view;

    @Start
    void start(Stage stage) {
        doc.load(Scenarios.stress(ScenarioDocument.ASYNC_MEMSLOTS), null);
        view = new CompareView(doc, new AppWindows(stage, new javafx.beans.property.SimpleBooleanProperty()), s -> {
            boolean first;
            synchronized (compared) {
                first = compared.isEmpty();
                compared.add(s);
            }
            if (first) {
                try {
                    firstMayFinish.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // cancelled: the result is stale anyway
                }
            }
            return Evaluator.compareAll(s);
        });
        view.modelProperty().addListener((o, a, m) -> shownWithFwb.add(m == null ? null : m.scenario().host().has(CpuFeature.FWB)));
    }

    @Test
    void aBigScenarioIsComparedInTheBackgroundAndAnEditCancelsTheStaleComparison(FxRobot robot) throws Exception {
        robot.interact(() -> view.show());
        assertTrue(view.comparing(), "2,000 calls are compared off the UI thread");
        String problem = robot.lookup("#compare-problem").queryLabeled().getText();
        assertTrue(problem.startsWith("Comparing 2000 memslot calls"), problem);

        robot.interact(() -> doc.edit("FWB off", s -> ScenarioEdits.withFeature(s, CpuFeature.FWB, false)));
        firstMayFinish.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.comparing());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(false), shownWithFwb, "only the comparison of the edited scenario (FWB off) was shown");
        assertFalse(view.model().scenario().host().has(CpuFeature.FWB));
        assertEquals(ScenarioDocument.ASYNC_MEMSLOTS, view.table(view.model().memslots()).getItems().size());
        assertEquals("", robot.lookup("#compare-problem").queryLabeled().getText());

        // Grown to its 2,000 rows' widest table, the window stays whole on the screen (it reached past its
        // right and bottom edges where it had opened).
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Stage w = view.stage();
        assertTrue(w.getX() >= screen.getMinX() && w.getX() + w.getWidth() <= screen.getMaxX() + 0.5,
                "x " + w.getX() + " + width " + w.getWidth() + " within " + screen);
        assertTrue(w.getY() >= screen.getMinY() && w.getY() + w.getHeight() <= screen.getMaxY() + 0.5,
                "y " + w.getY() + " + height " + w.getHeight() + " within " + screen);
    }
}
