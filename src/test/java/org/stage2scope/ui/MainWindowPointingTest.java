package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 8 sections 5 and 8 on the real engine and the default sample: what changed, partners, the tooltip. */
@ExtendWith(ApplicationExtension.class)
class MainWindowPointingTest {
    private MainWindow window;
    private Stage stage;
    private final List<String> errors = new ArrayList<>();
    /** Where the shared primary stage stood before a test moved it to the screen's right edge. */
    private double movedFromX = Double.NaN;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = TestWindows.open(stage, errors);
        window.document().load(SampleCatalog.load("grace-hopper-fwb.json"), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    /** The class and data-ref of every primitive the picture marks as meaning something. */
    private static List<String> marks(Scene s, String clsPrefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.prims().size(); i++) {
            Scene.Meta m = s.meta(i);
            if (m.cls() != null && m.cls().startsWith(clsPrefix)) {
                out.add(m.cls() + " " + m.ref());
            }
        }
        return out;
    }

    private String status(FxRobot robot) {
        return robot.lookup("#status").queryLabeled().getText();
    }

    @Test
    void fwbOffSaysWhatChangedOnEveryLaneAndOutlinesEach(FxRobot robot) {
        robot.clickOn("#tb-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        String status = status(robot);
        assertTrue(status.startsWith("FWB off. Changed: 4 lanes \u2014 GPU usemem memslot ok -> EINVAL;"), status);
        assertTrue(status.contains("GPU usemem effective Normal-WB -> unmapped"), status);
        String tip = robot.lookup("#status").queryLabeled().getTooltip().getText();
        assertTrue(tip.contains("code fetch from GPU memory: exec ok -> exec abort-injected"), tip);

        List<String> changed = marks(window.bandView().scene(), "highlight changed");
        assertTrue(changed.contains("highlight changed memslot call:2"), changed.toString());
        assertTrue(changed.contains("highlight changed stage2 gpa:0x40000000+0x400000000"), changed.toString());
        assertTrue(changed.stream().anyMatch(c -> c.startsWith("highlight changed access access:")), changed.toString());
        assertTrue(SvgPainter.paint(window.bandView().scene()).contains("class=\"highlight changed memslot\" data-ref=\"call:2\""));
        assertEquals(List.of(), marks(window.exportScene(false), "highlight"), "exports carry no change outline");
        assertEquals(List.of(), marks(window.exportScene(true), "highlight"), "nor does the visible part");
    }

    @Test
    void aToggleThatDecidesNothingSaysSo(FxRobot robot) {
        // VM_LOCKED on guest RAM: pinned pages, but nothing KVM decides at stage 2 depends on it.
        robot.interact(() -> window.document().edit("VM_LOCKED on guest RAM", s -> {
            org.stage2scope.model.Vma v = s.vmas().get(1);
            var flags = new java.util.HashSet<>(v.flags());
            flags.add(org.stage2scope.model.VmFlag.VM_LOCKED);
            return org.stage2scope.engine.ScenarioEdits.replaceVma(s, 1, new org.stage2scope.model.Vma(v.name(), v.start(),
                    v.size(), v.perms(), flags, v.memType(), v.backing()));
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(status(robot).endsWith("No outcome changed"), status(robot));
        assertTrue(window.bandView().highlighted().isEmpty());
    }

    @Test
    void selectingAnItemOutlinesItsPartnersDashedInTheOtherLanes(FxRobot robot) {
        robot.interact(() -> window.viewModel().select(new Ref.Vma(3)));
        List<String> p = marks(window.bandView().scene(), "highlight partner");
        assertTrue(p.contains("highlight partner call:3"), "resmem's VMA backs slot 3: " + p);
        assertTrue(p.contains("highlight partner gpa:0xa000000000+0x40000000"), "and its GPA range: " + p);
        assertFalse(p.stream().anyMatch(s -> s.endsWith("vma:3")), "the selection itself is not its own partner");

        robot.interact(() -> window.viewModel().select(new Ref.MemslotCall(2)));
        p = marks(window.bandView().scene(), "highlight partner");
        assertTrue(p.contains("highlight partner vma:2"), "slot 2 is backed by usemem's VMA: " + p);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("highlight partner gpa:0x8000000000")), p.toString());

        Scene.Hit s2 = window.bandView().scene().hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2)
                && h.ref() instanceof Ref.GpaRange g && g.gpa() == 0x40000000L).findFirst().orElseThrow();
        robot.interact(() -> window.viewModel().select(s2.ref()));
        p = marks(window.bandView().scene(), "highlight partner");
        assertTrue(p.contains("highlight partner call:1") && p.contains("highlight partner vma:1"),
                "RAM's stage-2 range belongs to slot 1 and guest RAM's VMA: " + p);

        robot.interact(() -> window.viewModel().select(new Ref.Access(0)));
        p = marks(window.bandView().scene(), "highlight partner");
        assertTrue(p.stream().anyMatch(s -> s.startsWith("highlight partner gpa:0x40000000+")),
                "the kernel's exec from RAM hits RAM's ranges: " + p);
        assertTrue(SvgPainter.paint(window.bandView().scene()).contains("class=\"highlight partner\""));
    }

    private Scene.Hit band(String lane, int nth) {
        return window.bandView().scene().hits().stream().filter(h -> h.lane().equals(lane) && h.w() > 20).skip(nth)
                .findFirst().orElseThrow();
    }

    private void hover(FxRobot robot, Point2D screen) {
        robot.moveTo(screen);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.bandView().tooltip().isShowing());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no tooltip near " + screen, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Every test class shares TestFX's primary stage: left at the right edge, the next class's 1600 px window
     * reached 400 px past the headless screen, and Monocle's painter threw on every frame it drew there.
     */
    @AfterEach
    void putTheStageBack(FxRobot robot) {
        if (!Double.isNaN(movedFromX)) {
            robot.interact(() -> stage.setX(movedFromX));
        }
    }

    @Test
    void theTooltipFollowsThePointerAndStaysOnScreen(FxRobot robot) {
        var tip = window.bandView().tooltip();
        for (Scene.Hit h : List.of(band(Layout.LANE_S2, 0), band(Layout.LANE_EFF, 1))) {
            Point2D at = window.bandView().localToScreen(h.x() + Math.min(10, h.w() / 2), h.y() + h.h() / 2);
            hover(robot, at);
            assertEquals(at.getX() + BandView.TOOLTIP_OFFSET, tip.getX(), 3, "right of the pointer over " + h.ref());
            assertEquals(at.getY() + BandView.TOOLTIP_OFFSET, tip.getY(), 3, "below the pointer over " + h.ref());
        }

        Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        robot.interact(() -> {
            movedFromX = stage.getX();
            stage.setX(screen.getMaxX() - stage.getWidth());
        });
        WaitForAsyncUtils.waitForFxEvents();
        Scene.Hit last = window.bandView().scene().hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2))
                .max(java.util.Comparator.comparingDouble(h -> h.x() + h.w())).orElseThrow();
        Point2D edge = window.bandView().localToScreen(last.x() + last.w() - 4, last.y() + last.h() / 2);
        hover(robot, edge);
        assertTrue(tip.getX() + tip.getWidth() <= screen.getMaxX() + 0.5,
                "the tooltip's right edge " + (tip.getX() + tip.getWidth()) + " stays on the screen " + screen.getMaxX());
        assertTrue(tip.getX() + tip.getWidth() <= edge.getX(), "it flipped to the pointer's left");

        robot.moveTo(window.bandView().localToScreen(window.bandView().getWidth() / 2, -30));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(tip.isShowing(), "leaving the canvas hides it");
    }
}
