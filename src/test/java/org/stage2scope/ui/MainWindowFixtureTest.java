package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
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
import org.stage2scope.engine.Ref;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.MemType;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Scene;
import org.stage2scope.render.Style;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real window headless (Monocle) with a stand-in engine, so window wiring is pinned
 * independently of the kernel rules: toolbar toggle -> document -> evaluation -> lanes and findings.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFixtureTest {
    private MainWindow window;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors, new ScenarioDocument(Fixtures::fakeEngine));
        window.document().load(Fixtures.graceHopperLike(), null);
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private List<Style> stage2Styles() {
        Scene s = window.bandView().scene();
        // One entry per band: a callout naming a band too narrow for its label is a second hit with its ref.
        java.util.Map<Ref, Style> byRef = new java.util.LinkedHashMap<>();
        s.hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2)).forEach(h -> byRef.putIfAbsent(h.ref(), h.style()));
        return List.copyOf(byRef.values());
    }

    private List<String> findingTexts() {
        return window.findingsList().getItems().stream().map(FindingRow::toString).collect(Collectors.toList());
    }

    @Test
    void fwbToggleOnTheToolbarChangesLanesAndFindingsAndUndoRestores(FxRobot robot) {
        assertEquals(List.of(Style.DEVICE, Style.WRITE_BACK, Style.SIGBUS, Style.WRITE_BACK), stage2Styles());
        robot.clickOn("#tb-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.document().scenario().host().has(CpuFeature.FWB));
        // The refused GPU slot's range now says why it is blank (render.Unmapped), instead of a Normal-WB band.
        assertEquals(List.of(Style.DEVICE, Style.WRITE_BACK, Style.SIGBUS, Style.SLOT_REFUSED), stage2Styles());
        assertTrue(findingTexts().contains("ERROR  call #1 slot 1 (gpu): EINVAL (none)"), findingTexts().toString());
        assertTrue(window.document().isDirty());
        assertTrue(robot.lookup("#status").queryLabeled().getText().contains("FWB off"));

        robot.clickOn("#tb-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Style.WRITE_BACK, stage2Styles().get(3));
        assertTrue(window.bandView().highlighted().stream().anyMatch(c -> c.lane() == org.stage2scope.engine.Change.Lane.STAGE2
                && c.ref().equals(new Ref.GpaRange(0x40000000000L, 96L << 30))), "the GPU range is highlighted as changed");

        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.document().scenario().host().has(CpuFeature.FWB), "undo takes back the last toggle");
        assertFalse(robot.lookup("#tb-fwb").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        robot.interact(() -> window.document().undo());
        assertTrue(window.document().scenario().host().has(CpuFeature.FWB));
        assertFalse(window.document().isDirty(), "undoing every edit returns to the saved scenario");
    }

    @Test
    void clickingABandSelectsItAndTheInspectorEditsItsMemType(FxRobot robot) {
        Scene s = window.bandView().scene();
        Scene.Hit vma = s.hits().stream().filter(h -> h.ref().equals(new Ref.Vma(0))).findFirst().orElseThrow();
        var origin = window.bandView().localToScreen(vma.x() + vma.w() / 2, vma.y() + vma.h() / 2);
        robot.clickOn(origin);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Ref.Vma(0), window.bandView().selectionProperty().get());
        @SuppressWarnings("unchecked")
        ComboBox<Object> memType = robot.lookup("#prop-memType").queryAs(ComboBox.class);
        assertEquals(MemType.MT_NORMAL, memType.getValue());
        assertEquals(5, memType.getItems().size(), "only arm64 memory types are offered on an arm64 host");
        robot.interact(() -> {
            memType.setValue(MemType.MT_NORMAL_NC);
            memType.getOnAction().handle(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MemType.MT_NORMAL_NC, window.document().scenario().vmas().get(0).memType());
        assertTrue(window.explanationArea().getText().startsWith("VMA guest-ram"), window.explanationArea().getText());
    }

    @Test
    void clickingAFindingSelectsAndZoomsToItsTarget(FxRobot robot) {
        robot.interact(() -> window.toggleFeature(CpuFeature.FWB, false));
        robot.interact(() -> window.findingsList().getSelectionModel().select(0));
        assertEquals(new Ref.MemslotCall(1), window.bandView().selectionProperty().get());
        // Framed on the refused slot (at one linear scale its 96 GiB fill most of the axis, so the frame
        // with its margins may be the whole axis): the view is exactly the slot's framing.
        assertEquals(window.bandView().bandLayout().frame(new Ref.MemslotCall(1)).view(), window.bandView().view(),
                "zoomed to the refused slot");
    }

    /**
     * Zoom to a range inside the 4 TiB gap between RAM and GPU memory: the window frames it through the
     * render layout's rule (the one render --gpa uses), so the range is drawn and named, not a sliver of
     * the gap's break stretched over the canvas; an edit keeps the view there; Fit all drops the range.
     */
    @Test
    void zoomToARangeInAGapFramesItLikeRenderDoes(FxRobot robot) {
        Ref gap = new Ref.GpaRange(0x10000000000L, 1L << 30);
        Layout before = window.bandView().bandLayout();
        int segments = before.gpaAxis().segments().size();
        robot.interact(() -> window.viewModel().reveal(gap));
        assertEquals(before.frame(gap).view(), window.bandView().view());
        assertEquals(segments + 1, window.bandView().bandLayout().gpaAxis().segments().size(), "the range has its place");
        assertTrue(window.bandView().scene().texts().contains("nothing mapped in 0x10000000000\u20130x1003fffffff"),
                window.bandView().scene().texts().toString());
        robot.interact(() -> window.toggleFeature(CpuFeature.FWB, false));
        assertTrue(window.bandView().scene().texts().contains("nothing mapped in 0x10000000000\u20130x1003fffffff"),
                "an edit keeps the zoomed range");
        robot.interact(() -> window.bandView().fitAll());
        assertEquals(segments, window.bandView().bandLayout().gpaAxis().segments().size(), "fit all drops the pinned range");
        robot.interact(() -> window.viewModel().reveal(gap));
        var gh = Fixtures.graceHopperLike();
        var other = new org.stage2scope.model.Scenario("other", "", gh.host(), gh.vm(), gh.vmas(), gh.memslots().subList(0, 1),
                new org.stage2scope.model.Guest(List.of(), List.of()));
        robot.interact(() -> window.document().load(other, null));
        assertEquals(Layout.of(window.document().evaluation()).gpaAxis().segments().size(),
                window.bandView().bandLayout().gpaAxis().segments().size(), "another scenario does not inherit the pinned range");
    }

    @Test
    void archSwitchConvertsMemTypesAndKeepsTheScenarioValid(FxRobot robot) {
        robot.interact(() -> robot.lookup("#tb-arch").queryAs(ComboBox.class).setValue(org.stage2scope.model.Arch.X86_INTEL));
        var s = window.document().scenario();
        assertEquals(org.stage2scope.model.Arch.X86_INTEL, s.host().arch());
        assertEquals(MemType.WB, s.vmas().get(0).memType());
        assertEquals(MemType.UC, s.vmas().get(2).memType());
        assertTrue(robot.lookup("#tb-fwb").queryAs(javafx.scene.control.ToggleButton.class).isDisabled());
    }

    @Test
    void exportsPngAtTwoTimesAndWellFormedSvgWithTheScenarioName(FxRobot robot, @TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        Path svg = dir.resolve("a.svg");
        robot.interact(() -> {
            assertTrue(window.exportPng(png, 2, false));
            assertTrue(window.exportSvg(svg, true));
        });
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3200, img.getWidth());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "not blank: " + colours.size() + " colours");
        var d = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        var texts = d.getElementsByTagName("text");
        boolean named = false;
        for (int i = 0; i < texts.getLength(); i++) {
            named |= texts.item(i).getTextContent().equals("grace-hopper-fwb");
        }
        assertTrue(named);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void presentationModeEnlargesTheBands(FxRobot robot) {
        double before = window.bandView().scene().hits().get(0).h();
        double textBefore = largestText(window.bandView().scene());
        robot.clickOn("#tb-present");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.bandView().themeProperty().get().fontSize() > 13);
        double after = window.bandView().scene().hits().get(0).h();
        assertTrue(after > before, "bands grow for the projector: " + before + " -> " + after);
        double textAfter = largestText(window.bandView().scene());
        assertTrue(textAfter > textBefore * 1.2, "labels grow: " + textBefore + " -> " + textAfter);
    }

    /** A click on a slot's name selects that slot, wherever other connectors cross under the label. */
    @Test
    void clickingASlotLabelSelectsThatSlot(FxRobot robot) {
        // The bundled default: slot 0's and 1's labels sit where the GPU slots' connectors cross.
        robot.interact(() -> window.openDefault());
        WaitForAsyncUtils.waitForFxEvents();
        Scene s = window.bandView().scene();
        for (int slot = 0; slot < 4; slot++) {
            String name = "slot " + slot + " ";
            Scene.Text label = s.prims().stream().filter(p -> p instanceof Scene.Text t && t.text().startsWith(name))
                    .map(p -> (Scene.Text) p).findFirst().orElseThrow(() -> new AssertionError("no label for " + name));
            // The text's middle: x is its centre (MIDDLE anchor), y its baseline.
            robot.clickOn(window.bandView().localToScreen(label.x(), label.y() - label.size() * 0.35));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(new Ref.MemslotCall(slot), window.viewModel().selection(), "clicked \"" + label.text() + "\"");
        }
    }

    /** F5 shows the whole picture alone (it was cut off below the accesses), and leaving puts every panel back. */
    @Test
    void presentationModeShowsThePictureAloneAndLeavingRestoresThePanels(FxRobot robot) {
        javafx.scene.Parent top = window.fxScene().getRoot();
        double[] dividersBefore = dividers(top);
        assertNotNull(top.lookup("#explanation"), "the explanation panel is shown normally");
        robot.clickOn("#tb-present");
        WaitForAsyncUtils.waitForFxEvents();
        BandView bands = window.bandView();
        assertNull(top.lookup("#explanation"), "panels are hidden in presentation mode");
        assertEquals(0, dividers(top).length, "no split panes take room from the picture");
        double needed = bands.prefHeight(bands.getWidth());
        assertTrue(bands.getHeight() >= needed - 1, "the whole picture fits: " + bands.getHeight() + " px for " + needed);
        assertTrue(bands.getWidth() >= window.fxScene().getWidth() - 1, "and it spans the window");
        robot.type(javafx.scene.input.KeyCode.F5); // the toolbar button may sit in its overflow at the large font
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(top.lookup("#explanation"), "the panels are back");
        double[] dividersAfter = dividers(top);
        assertEquals(dividersBefore.length, dividersAfter.length);
        for (int i = 0; i < dividersBefore.length; i++) {
            // Within a few pixels: the split pane re-clamps its dividers to its items' sizes after the fonts return.
            assertEquals(dividersBefore[i], dividersAfter[i], 5e-3, "divider " + i + " where the user had it");
        }
    }

    /** Leaving presentation mode gives every control its font back (the Copy button and menu bar kept 18 px). */
    @Test
    void leavingPresentationModeRestoresEveryFont(FxRobot robot) {
        javafx.scene.Parent top = window.fxScene().getRoot();
        java.util.Map<javafx.scene.Node, javafx.scene.text.Font> before = fonts(top);
        robot.clickOn("#tb-present");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> top.applyCss());
        java.util.Map<javafx.scene.Node, javafx.scene.text.Font> after = fonts(top);
        List<String> changed = new java.util.ArrayList<>();
        before.forEach((n, f) -> {
            javafx.scene.text.Font now = after.get(n);
            if (now != null && now.getSize() != f.getSize()) {
                changed.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + " " + f.getSize() + " -> " + now.getSize());
            }
        });
        assertTrue(before.size() > 20, "controls found: " + before.size());
        assertEquals(List.of(), changed);
    }

    private static java.util.Map<javafx.scene.Node, javafx.scene.text.Font> fonts(javafx.scene.Parent top) {
        java.util.Map<javafx.scene.Node, javafx.scene.text.Font> out = new java.util.IdentityHashMap<>();
        top.lookupAll("*").forEach(n -> {
            if (n instanceof javafx.scene.control.Labeled l) {
                out.put(n, l.getFont());
            }
        });
        return out;
    }

    private static double[] dividers(javafx.scene.Parent top) {
        return top.lookupAll(".split-pane").stream().flatMapToDouble(n -> java.util.Arrays.stream(((javafx.scene.control.SplitPane) n)
                .getDividerPositions())).toArray();
    }

    private static double largestText(Scene s) {
        return s.prims().stream().filter(p -> p instanceof Scene.Text).mapToDouble(p -> ((Scene.Text) p).size()).max().orElse(0);
    }

    @Test
    void aBrokenFileLeavesTheScenarioAndShowsOneSentence(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ not json");
        var before = window.document().scenario();
        robot.interact(() -> assertFalse(window.openFile(bad)));
        assertEquals(before, window.document().scenario());
        assertEquals(1, errors.size());
        assertFalse(errors.get(0).contains("\tat "), "no stack trace");
        assertTrue(errors.get(0).contains("bad.json"), errors.get(0));
    }

    @Test
    void keyboardZoomsPansAndFits(FxRobot robot) {
        robot.clickOn(window.bandView());
        robot.type(javafx.scene.input.KeyCode.EQUALS);
        double span = window.bandView().view().span();
        assertEquals(1 / 1.5, span, 1e-9);
        double u0 = window.bandView().view().u0();
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        assertEquals(u0 + 0.2 * span, window.bandView().view().u0(), 1e-9);
        robot.type(javafx.scene.input.KeyCode.DIGIT0);
        assertEquals(1.0, window.bandView().view().span(), 1e-12);
    }

    @Test
    void addAndRemoveAreUndoable(FxRobot robot) {
        int vmas = window.document().scenario().vmas().size();
        robot.clickOn("Edit").clickOn("Add VMA");
        assertEquals(vmas + 1, window.document().scenario().vmas().size());
        assertEquals(new Ref.Vma(vmas), window.bandView().selectionProperty().get(), "the new VMA is selected");
        robot.clickOn("Edit").clickOn("Remove selected");
        assertEquals(vmas, window.document().scenario().vmas().size());
        robot.interact(() -> window.document().undo());
        assertEquals(vmas + 1, window.document().scenario().vmas().size());
        robot.interact(() -> window.document().redo());
        assertEquals(vmas, window.document().scenario().vmas().size());
        assertTrue(window.document().canRedoProperty().get() == false);
    }

    @Test
    void titleCarriesTheUnsavedMarker(FxRobot robot) {
        Stage st = (Stage) window.fxScene().getWindow();
        assertEquals("Stage2Scope \u2014 grace-hopper-fwb", st.getTitle());
        robot.interact(() -> window.toggleFeature(CpuFeature.DIC, false));
        assertEquals("Stage2Scope \u2014 grace-hopper-fwb *", st.getTitle());
    }

    @Test
    void hoveringABandShowsItsRangeAndRule(FxRobot robot) {
        Scene s = window.bandView().scene();
        Scene.Hit gpu = s.hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2)
                && h.ref().equals(new Ref.GpaRange(0x40000000000L, 96L << 30))).findFirst().orElseThrow();
        robot.moveTo(window.bandView().localToScreen(gpu.x() + gpu.w() / 2, gpu.y() + gpu.h() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        String tip = window.bandView().tooltipText();
        assertTrue(tip.startsWith("GPA 0x40000000000 - 0x417ffffffff  (96 GiB)"), tip);
        assertTrue(tip.contains("rule s2.map (user_mem_abort)"), tip);
    }
}
