package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.render.Fixtures;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Scene;
import org.stage2scope.report.RangeColumns;
import org.stage2scope.report.RangeRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The range table and the memslot-call tab in the real window, with the real engine on the bundled samples. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTablesTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new java.util.ArrayList<>(), new ScenarioDocument(
                org.stage2scope.engine.Evaluator::evaluate, Platform::runLater));
        window.openSample("grace-hopper-fwb.json");
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private RowTableView<RangeRow> table() {
        return window.tables().rangeTable();
    }

    private List<String> column(RowTableView<RangeRow> t, int col) {
        return t.getItems().stream().map(r -> t.tableColumns().get(col).cell(r)).toList();
    }

    @Test
    void clickingAHeaderSortsAddressesAsNumbersBothWays(FxRobot robot) {
        robot.interact(() -> window.openSample("memslot-overlap-misaligned.json"));
        robot.clickOn("#range-table-col-gpa-start");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> up = column(table(), 0);
        // Text order would put 0x100000000 before 0x40000000; numeric order puts it after 0xa0000000.
        assertEquals("0x40000000", up.get(0));
        assertTrue(up.indexOf("0xa0000000") < up.indexOf("0x100000000"), up.toString());
        assertEquals("0xfffffffffff00000", up.get(up.size() - 1));
        robot.clickOn("#range-table-col-gpa-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("0xfffffffffff00000", column(table(), 0).get(0));
        robot.clickOn("#range-table-col-size");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> sizes = column(table(), 2);
        assertEquals("6K", sizes.get(0), "smallest first: " + sizes);
        assertEquals("2G", sizes.get(sizes.size() - 1), sizes.toString());
    }

    @Test
    void textAndQuickFiltersNarrowTheRows(FxRobot robot) {
        assertEquals(5, table().getItems().size());
        robot.clickOn("#range-filter").write("usemem");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0x8000000000", "0x9780000000"), column(table(), 0));
        assertEquals("2 of 5", robot.lookup("#range-count").queryLabeled().getText());
        robot.interact(() -> window.tables().filterField().clear());
        robot.clickOn("#quick-findings");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0x9780000000", "0xa000000000"), column(table(), 0), "the FWB note and the exec fault");
        robot.clickOn("#quick-findings");
        robot.interact(() -> window.openSample("grace-hopper-no-fwb.json"));
        robot.clickOn("#quick-refused");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("refused EINVAL"), column(table(), 7));
        robot.clickOn("#quick-refused");
        robot.clickOn("#quick-device");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0x8000000000", "0xa000000000"), column(table(), 0), "GPU usemem (refused) and resmem");
        robot.interact(() -> window.openSample("vfio-bar-device.json"));
        robot.clickOn("#quick-device");
        robot.clickOn("#quick-effective-differs");
        WaitForAsyncUtils.waitForFxEvents();
        for (RangeRow r : table().getItems()) {
            assertTrue(!RangeColumns.EFFECTIVE.cell(r).equals(RangeColumns.STAGE2.cell(r)), RangeColumns.GPA_START.cell(r));
        }
    }

    @Test
    void choosingARowSelectsAndZoomsTheBandAndChoosingABandSelectsItsRows(FxRobot robot) {
        RangeRow usememTail = table().getItems().get(3);
        robot.interact(() -> table().scrollTo(3));
        robot.clickOn((javafx.scene.Node) robot.lookup("#range-table .table-row-cell")
                .match(n -> ((javafx.scene.control.TableRow<?>) n).getItem() == usememTail).query());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Ref.GpaRange(0x9780000000L, 1L << 30), window.viewModel().selection());
        assertEquals(List.of(usememTail), List.copyOf(table().getSelectionModel().getSelectedItems()), "the click is not echoed");
        assertTrue(window.bandView().view().span() < 0.9, "the picture zoomed to the range: " + window.bandView().view());

        robot.interact(() -> window.bandView().fitAll());
        Scene s = window.bandView().scene();
        Scene.Hit resmem = s.hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2) && h.ref() instanceof Ref.GpaRange g
                && g.gpa() == 0xa000000000L).findFirst().orElseThrow();
        robot.clickOn(window.bandView().localToScreen(resmem.x() + resmem.w() / 2, resmem.y() + resmem.h() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0xa000000000"), table().getSelectionModel().getSelectedItems().stream()
                .map(RangeColumns.GPA_START::cell).toList());

        Scene.Hit usemem = s.hits().stream().filter(h -> h.lane().equals(Layout.LANE_S2) && h.ref() instanceof Ref.GpaRange g
                && g.gpa() == 0x8000000000L).findFirst().orElseThrow();
        robot.clickOn(window.bandView().localToScreen(usemem.x() + usemem.w() / 2, usemem.y() + usemem.h() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0x8000000000", "0x9780000000"), table().getSelectionModel().getSelectedItems().stream()
                .map(RangeColumns.GPA_START::cell).toList(), "a stage-2 band selects every row it covers");
    }

    @Test
    void copySelectionAsMarkdownGivesAGitHubTableOfTheSelectedRows(FxRobot robot) {
        robot.interact(() -> table().getSelectionModel().select(3));
        robot.clickOn("#range-table-copy").clickOn("Selection as Markdown");
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertEquals("""
                | gpa start | gpa end | size | slot | vma | pgprot | vma flags | outcome | stage 2 | MemAttr | block | perms \
                | cache maintenance | stage 1 | effective | rule |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                | 0x9780000000 | 0x97c0000000 | 1G | 2 | nvgrace-gpu usemem (/dev/vfio/devices/vfio0, BAR4) | MT_NORMAL | PFNMAP\\|IO \
                | mapped | Normal-WB | 0b0110 | 1G | RWX | none | 0x04 | Normal-WB | s2.pfnmap.cacheable |
                """, clip[0]);
    }

    @Test
    void theMemslotTabListsTheCallsInOrderAndSelectsWithThePicture(FxRobot robot) {
        robot.interact(() -> window.openSample("memslot-overlap-misaligned.json"));
        robot.clickOn("#tab-memslots");
        RowTableView<MemslotResult> calls = window.tables().memslotTable();
        assertEquals(window.document().evaluation().memslotCalls().size(), calls.getItems().size());
        for (int i = 0; i < calls.getItems().size(); i++) {
            assertEquals(i, calls.getItems().get(i).index());
        }
        MemslotResult second = calls.getItems().get(1);
        robot.clickOn((javafx.scene.Node) robot.lookup("#memslot-table .table-row-cell")
                .match(n -> ((javafx.scene.control.TableRow<?>) n).getItem() == second).query());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Ref.MemslotCall(1), window.viewModel().selection());
        robot.interact(() -> window.viewModel().reveal(new Ref.MemslotCall(4)));
        assertEquals(4, calls.getSelectionModel().getSelectedItem().index());
        assertEquals(List.of(4), table().getSelectionModel().getSelectedItems().stream().map(RangeRow::memslotCall).toList(),
                "a refused call selects its range row too");
    }

    @Test
    void a32767SlotScenarioBuildsItsRowsOffTheUiThread(FxRobot robot) throws Exception {
        var stress = Fixtures.stress(32767);
        robot.interact(() -> window.document().load(stress.scenario(), null));
        // The document evaluates in the background, then the table builds its rows in the background.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.tables().memslotTable().getItems().size() == 32767);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(32767, table().allRows().size());
        assertTrue(robot.lookup("#range-table .table-row-cell").queryAll().size() < 200, "virtualised: cells only for the visible rows");
    }

    @Test
    void compareWithSavedShowsWhatChangedAgainstTheFileOnDisk(FxRobot robot) {
        robot.interact(() -> window.toggleFeature(org.stage2scope.model.CpuFeature.FWB, false));
        robot.interact(() -> window.files().compareWithSaved(java.nio.file.Path.of("samples/grace-hopper-fwb.json")));
        String note = window.explanationArea().getText();
        assertTrue(note.startsWith("What changed against grace-hopper-fwb.json"), note);
        assertTrue(note.contains("0b0110"), note);
        assertTrue(note.contains("ok -> EINVAL"), "FWB off: the GPU memory slot is refused now: " + note);
        assertEquals("3 GPA ranges and 1 memslot call changed against grace-hopper-fwb.json",
                robot.lookup("#status").queryLabeled().getText());
    }
}
