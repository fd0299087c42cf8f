package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.U64;
import org.stage2scope.render.Theme;
import org.stage2scope.report.CompareReport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View > Compare policies on the bundled no-FWB sample, and the P key. Real engine. */
@ExtendWith(ApplicationExtension.class)
class MainWindowCompareTest {
    private MainWindow window;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors);
        assertTrue(window.openSample("grace-hopper-no-fwb.json"));
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private static CompareModel.Row usemem(CompareModel m) {
        return m.memslots().rows().stream().filter(r -> r.key().get(4).equals("GPU usemem")).findFirst().orElseThrow();
    }

    @Test
    void compareShowsTheGpuUsememSlotOkBeforeTheSeriesRefusedUpstreamAndFollowsTheFwbToggle(FxRobot robot) {
        robot.clickOn("#tb-compare");
        WaitForAsyncUtils.waitForFxEvents();
        CompareView cv = window.compareView();
        assertNotNull(cv, "the toolbar button opened the compare window");
        assertTrue(cv.stage().isShowing());
        assertFalse(cv.stage().getModality() != javafx.stage.Modality.NONE, "non-modal");
        CompareModel m = cv.model();
        assertEquals(List.of("pre-6.17", "upstream", "v6-enable-flag", "force-flag", "force-flag-strict"), m.memslots().policies());
        CompareModel.Row row = usemem(m);
        assertEquals("ok", row.cell(m.memslots(), PolicyId.PRE_6_17));
        assertEquals("EINVAL", row.cell(m.memslots(), PolicyId.UPSTREAM));
        assertEquals("EINVAL", row.cell(m.memslots(), PolicyId.FORCE_FLAG_STRICT));
        assertTrue(row.differs(), "the policies disagree on this call");
        assertTrue(row.offUpstream(m.memslots(), PolicyId.PRE_6_17));
        assertFalse(row.offUpstream(m.memslots(), PolicyId.V6_ENABLE_FLAG));
        // The stage-2 row of the usemem range: Device under pre-6.17 (forced non-cacheable), unmapped upstream.
        CompareModel.Row s2 = m.stage2().rows().stream().filter(r -> r.key().get(0).equals("0x8000000000")).findFirst().orElseThrow();
        assertEquals("Device-nGnRE 1G -> Device-nGnRE", s2.cell(m.stage2(), PolicyId.PRE_6_17));
        assertEquals("0xff Normal WB RAWA", s2.key().get(3), "the guest's stage-1 attribute is a key column");
        assertEquals("-", s2.cell(m.stage2(), PolicyId.UPSTREAM));
        assertTrue(s2.differs());

        // On screen: the row starts with "*", is styled as differing, and the pre-6.17 cell reads "ok *".
        var table = cv.table(m.memslots());
        int i = table.getItems().indexOf(row);
        assertTrue(i >= 0);
        var cells = cv.stage().getScene().getRoot().lookupAll(".off-upstream");
        assertTrue(cells.stream().anyMatch(n -> n instanceof TableCell<?, ?> c && "ok *".equals(c.getText())
                        && c.getTableView() == table),
                "the pre-6.17 cell is marked as off upstream");
        assertTrue(cv.stage().getScene().getRoot().lookupAll(".compare-differs").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() == row), "the row is styled as differing");
        assertEquals("*", table.getColumns().get(0).getCellData(row));

        // FWB on in the main window: upstream now accepts the cacheable PFNMAP slot and the open view follows.
        robot.interact(() -> ((ToggleButton) robot.lookup("#tb-fwb").query()).fire());
        WaitForAsyncUtils.waitForFxEvents();
        CompareModel after = cv.model();
        assertTrue(after.scenario().host().has(org.stage2scope.model.CpuFeature.FWB));
        CompareModel.Row r2 = usemem(after);
        assertEquals("ok", r2.cell(after.memslots(), PolicyId.UPSTREAM));
        assertEquals("ok", r2.cell(after.memslots(), PolicyId.PRE_6_17));
        assertFalse(r2.offUpstream(after.memslots(), PolicyId.PRE_6_17));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void selectingACompareRowSelectsAndZoomsToItInTheMainWindow(FxRobot robot) {
        robot.interact(() -> window.openCompare());
        CompareView cv = window.compareView();
        CompareModel m = cv.model();
        robot.interact(() -> window.bandView().fitAll());
        assertEquals(1.0, window.bandView().view().span(), 1e-9);

        CompareModel.Row call = usemem(m);
        robot.interact(() -> cv.table(m.memslots()).getSelectionModel().select(call));
        assertEquals(new Ref.MemslotCall(2), window.bandView().selectionProperty().get());
        assertTrue(window.bandView().view().span() < 1.0, "zoomed to the memslot call");

        CompareModel.Row s2 = m.stage2().rows().stream().filter(r -> r.key().get(0).equals("0x8000000000")).findFirst().orElseThrow();
        robot.interact(() -> cv.table(m.stage2()).getSelectionModel().select(s2));
        assertEquals(new Ref.GpaRange(0x8000000000L, U64.parseAddress(s2.key().get(1)) - 0x8000000000L),
                window.bandView().selectionProperty().get());
        // 94G: the guest maps the last 1G of usemem Device at stage 1, a row of its own.
        assertEquals(94L << 30, ((Ref.GpaRange) window.bandView().selectionProperty().get()).size(), s2.key().toString());

        CompareModel.Row access = m.accesses().rows().get(3);
        robot.interact(() -> cv.table(m.accesses()).getSelectionModel().select(access));
        assertEquals(new Ref.Access(3), window.bandView().selectionProperty().get());
        assertTrue(robot.lookup("#prop-gpa").queryAs(javafx.scene.control.TextField.class).getText()
                .equals(access.key().get(1)), "the inspector shows the selected access");
    }

    @Test
    void aStage2RowEndingAt2To64IsTheRangeUpToTheTop() {
        CompareModel m = CompareModel.of(Evaluator.compareAll(window.document().scenario()));
        var row = new CompareModel.Row(List.of("0xfffffffffffff000", "0x10000000000000000", "4K"), List.of(), false, List.of());
        assertEquals(new Ref.GpaRange(0xfffffffffffff000L, 0x1000), m.ref(m.stage2(), row));
    }

    @Test
    void copyAsTextPutsTheCurrentScenariosComparisonOnTheClipboard(FxRobot robot) {
        robot.interact(() -> window.openCompare());
        String clip = copyFromCompareWindow(robot);
        assertTrue(clip.startsWith("Stage2Scope compare: Grace Hopper without FWB"), clip);
        assertTrue(clip.lines().anyMatch(l -> l.matches(
                "  \\*  2  2 +0x8000000000 +95G +GPU usemem +ok \\* +EINVAL +EINVAL +EINVAL +EINVAL")), clip);
        robot.interact(() -> window.toggleFeature(CpuFeature.FWB, true));
        String withFwb = copyFromCompareWindow(robot);
        assertTrue(withFwb.lines().anyMatch(l -> l.matches(
                "  \\*  2  2 +0x8000000000 +95G +GPU usemem +ok +ok +EINVAL \\* +ok +EINVAL \\*")),
                "the copy follows the scenario: with FWB upstream accepts usemem, the flag proposals still want their flag\n" + withFwb.lines().filter(l -> l.contains("usemem")).toList());
    }

    private String copyFromCompareWindow(FxRobot robot) {
        robot.clickOn("#compare-copy");
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        return clip[0];
    }

    @Test
    void ctrlKOpensTheCompareWindowOnceAndReusesIt(FxRobot robot) {
        robot.clickOn(window.bandView());
        robot.push(KeyCode.CONTROL, KeyCode.K);
        WaitForAsyncUtils.waitForFxEvents();
        CompareView first = window.compareView();
        assertNotNull(first, "Ctrl+K opened it");
        assertTrue(first.stage().isShowing());
        robot.interact(() -> window.openCompare());
        assertSame(first, window.compareView());
    }

    @Test
    void pOnTheLanesTogglesPresentationMode(FxRobot robot) {
        ToggleButton present = robot.lookup("#tb-present").query();
        assertFalse(present.isSelected());
        robot.clickOn(window.bandView());
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(present.isSelected(), "P turned presentation on");
        assertEquals(Theme.presentation(false).name(), window.bandView().themeProperty().get().name());
        assertTrue(window.fxScene().getRoot().getStyleClass().contains("presentation"));
        robot.type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(present.isSelected(), "P again turned it off");
        assertEquals(Theme.light().name(), window.bandView().themeProperty().get().name());
    }

    @Test
    void noColumnIsNarrowerThanItsTextAndEscapeOrCtrlWCloses(FxRobot robot) {
        robot.interact(() -> window.openCompare());
        WaitForAsyncUtils.waitForFxEvents();
        CompareView cv = window.compareView();
        CompareModel m = cv.model();
        for (CompareModel.Table t : m.tables()) {
            var table = cv.table(t);
            List<String> heads = new java.util.ArrayList<>(t.keyHeads());
            heads.addAll(t.policies());
            for (int c = 0; c < heads.size(); c++) {
                double w = table.getColumns().get(1 + c).getWidth();
                double need = CompareView.measure(heads.get(c), false);
                for (CompareModel.Row r : t.rows()) {
                    String text = c < t.keyHeads().size() ? r.key().get(c) : r.cells().get(c - t.keyHeads().size()) + " *";
                    need = Math.max(need, CompareView.measure(text, false));
                }
                assertTrue(w >= need, t.title() + " column " + heads.get(c) + ": " + w + " < " + need);
            }
        }
        // force-flag-strict, the last column, was clipped before: the window is as wide as its widest table.
        var access = cv.table(m.accesses());
        double tableWidth = access.getColumns().stream().mapToDouble(javafx.scene.control.TableColumn::getWidth).sum();
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertTrue(cv.stage().getWidth() >= Math.min(tableWidth, screen.getWidth() - 48) , cv.stage().getWidth() + " < " + tableWidth);
        assertTrue(cv.stage().getWidth() <= screen.getWidth());

        // With a table focused (after clicking a row, as a reader does): TableView consumed Esc, so the
        // window's own Esc never fired.
        robot.interact(() -> {
            cv.stage().requestFocus();
            access.requestFocus();
            access.getSelectionModel().select(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(cv.stage().isShowing(), "Esc closes the compare window with a table focused");
        robot.interact(() -> window.openCompare());
        robot.interact(() -> cv.stage().requestFocus());
        robot.push(KeyCode.CONTROL, KeyCode.W);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(cv.stage().isShowing(), "Ctrl+W closes it");
    }
}
