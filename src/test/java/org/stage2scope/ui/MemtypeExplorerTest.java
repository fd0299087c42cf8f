package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.grid.ScenarioCells;
import org.stage2scope.model.Arch;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View > Memory types on the Grace Hopper sample with FWB. Real engine. */
@ExtendWith(ApplicationExtension.class)
class MemtypeExplorerTest {
    private MainWindow window;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors);
        assertTrue(window.openSample("grace-hopper-fwb.json"));
        stage.setWidth(1200);
        stage.setHeight(760);
        window.show();
    }

    private MemtypeExplorer open(FxRobot robot) {
        robot.interact(() -> window.openMemtypes());
        WaitForAsyncUtils.waitForFxEvents();
        MemtypeExplorer x = window.memtypes();
        assertNotNull(x);
        assertTrue(x.stage().isShowing());
        return x;
    }

    @Test
    void toggleFwbOffClickTheGuestDeviceCellAndSeeItsRangeSelected(FxRobot robot) {
        MemtypeExplorer x = open(robot);
        assertEquals(Arch.ARM64, x.model().archProperty().get());
        assertTrue(x.model().fwbProperty().get(), "opens on the scenario's host: FWB");
        // With FWB the guest's Device-nGnRE mapping of usemem lands in the force-WB column.
        Label fwbCell = x.cellNode("0x04", "0b0110");
        assertTrue(fwbCell.getText().startsWith("Normal-WB\n0xff"), fwbCell.getText());
        assertTrue(fwbCell.getStyleClass().contains("mx-scenario"), "the scenario lands here");
        assertTrue(fwbCell.getStyleClass().contains("mx-changed"), "FWB changes this cell");
        assertFalse(fwbCell.getStyleClass().contains("mx-less"));

        robot.clickOn("#mx-fwb");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#mx-fwb").queryAs(CheckBox.class).isSelected());
        assertFalse(x.model().grid().switchOn());
        // Without FWB the same entry would carry 0b1111: a Device-nGnRE result, less cacheable than stage 2.
        Label cell = x.cellNode("0x04", "0b1111");
        assertTrue(cell.getText().startsWith("Device-nGnRE"), cell.getText());
        assertTrue(cell.getStyleClass().contains("mx-less"), cell.getStyleClass().toString());
        assertTrue(cell.getStyleClass().contains("mx-scenario"));

        robot.interact(() -> x.reveal("0x04", "0b1111"));
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ScenarioCells.Key("0x04", "0b1111"), x.model().selectedProperty().get());
        String explanation = robot.lookup("#mx-explain").queryAs(Label.class).getText();
        assertTrue(explanation.contains("Device-nGnRE") && explanation.contains("S2CombineS1MemAttrs"), explanation);
        assertTrue(explanation.contains("clean the data cache"), explanation);
        assertEquals(new Ref.GpaRange(0x9780000000L, 1L << 30), window.bandView().selectionProperty().get(),
                "the scenario's range in that cell is selected in the main window");
        assertTrue(robot.lookup("#mx-ranges").queryListView().getItems().contains(new Ref.GpaRange(0x9780000000L, 1L << 30)));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void selectingAnEffectiveRangeInTheMainWindowOpensItsCell(FxRobot robot) {
        MemtypeExplorer x = open(robot);
        robot.interact(() -> x.model().archProperty().set(Arch.X86_INTEL));
        assertNull(x.cellNode("0x44", "0b0101"));
        robot.interact(() -> window.viewModel().select(new Ref.GpaRange(0xa000000000L, 1L << 30)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Arch.ARM64, x.model().archProperty().get(), "back on the scenario's arch");
        assertEquals(new ScenarioCells.Key("0x44", "0b0101"), x.model().selectedProperty().get());
        assertTrue(x.cellNode("0x44", "0b0101").getStyleClass().contains("mx-selected"));
    }

    @Test
    void intelTabHasTheIpatSwitchAndMarksWhatVmxGetMtMaskWrites(FxRobot robot) {
        MemtypeExplorer x = open(robot);
        robot.clickOn("#mx-arch-x86-intel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Arch.X86_INTEL, x.model().archProperty().get());
        assertTrue(robot.lookup("#mx-fwb").queryAs(CheckBox.class).isDisabled());
        assertFalse(robot.lookup("#mx-ipat").queryAs(CheckBox.class).isDisabled());
        assertEquals("WB", x.cellNode("UC", "WB").getText().lines().findFirst().orElseThrow(), "IPAT = 1: EPT type alone");
        robot.clickOn("#mx-ipat");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(x.cellNode("UC", "WB").getText().startsWith("UC"), "IPAT = 0: the guest's UC wins");
        assertTrue(x.cellNode("UC", "WB").getStyleClass().contains("mx-less"));
        robot.clickOn("#mx-arch-x86-amd");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#mx-title").queryAs(Label.class).getText().contains("modelled"));
    }

    @Test
    void exportsTheGridAndEscapeCloses(FxRobot robot, @TempDir Path dir) throws Exception {
        MemtypeExplorer x = open(robot);
        x.export(dir.resolve("g.svg"), "svg");
        x.export(dir.resolve("g.csv"), "csv");
        x.export(dir.resolve("g.png"), "png");
        assertTrue(Files.readString(dir.resolve("g.svg")).contains("Normal-WB"));
        assertTrue(Files.readString(dir.resolve("g.csv")).lines().anyMatch(l -> l.startsWith("Device,0x04,Device-nGnRE,")));
        assertTrue(Files.size(dir.resolve("g.png")) > 1000);
        robot.interact(() -> x.stage().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(x.stage().isShowing(), "Esc closes the explorer");
    }
}
