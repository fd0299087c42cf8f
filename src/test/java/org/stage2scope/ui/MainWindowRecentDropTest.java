package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.model.Scenario;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Open recent and drag and drop, with recent files in an in-memory preferences node. */
@ExtendWith(ApplicationExtension.class)
class MainWindowRecentDropTest {
    private MainWindow window;
    private final List<String> errors = new ArrayList<>();
    /** Every "save changes before ...?" question (asked only over unsaved changes). */
    private List<String> asked;

    @Start
    void start(Stage stage) {
        ScriptedDialogs dialogs = new ScriptedDialogs(errors);
        window = TestWindows.open(stage, dialogs, new ScenarioDocument());
        asked = dialogs.asked;
        window.openDefault();
        window.show();
    }

    private List<String> recentItems() {
        return window.recentMenu().getItems().stream().map(MenuItem::getText).toList();
    }

    @Test
    void saveAndOpenPutTheFileFirstInOpenRecentAndChoosingItReopensIt(FxRobot robot, @TempDir Path dir) throws Exception {
        assertTrue(recentItems().isEmpty(), "a fresh preferences node has no recent files");
        assertTrue(window.recentMenu().isDisable());
        Scenario sample = window.document().scenario();
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ScenarioWriter.save(MainWindow.blankScenario(), b);

        robot.interact(() -> assertTrue(window.saveTo(a)));
        assertEquals(List.of(a.toAbsolutePath().toString()), recentItems());
        robot.interact(() -> assertTrue(window.openFile(b)));
        assertEquals(List.of(b.toAbsolutePath().toString(), a.toAbsolutePath().toString()), recentItems());
        assertFalse(window.recentMenu().isDisable());
        assertEquals(MainWindow.blankScenario(), window.document().scenario());

        robot.interact(() -> window.toggleFeature(org.stage2scope.model.CpuFeature.DIC, false));
        robot.interact(() -> window.recentMenu().getItems().get(1).fire());
        assertEquals(sample, window.document().scenario(), "choosing a.json reopened the saved sample (changes discarded)");
        assertEquals(a, window.document().file());
        assertEquals(List.of(a.toAbsolutePath().toString(), b.toAbsolutePath().toString()), recentItems(),
                "the reopened file moves to the top");
        assertEquals(List.of("open a.json"), asked, "asked once, over the unsaved DIC change");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void droppingAJsonScenarioOpensIt(FxRobot robot, @TempDir Path dir) throws Exception {
        Path b = dir.resolve("blank.json");
        ScenarioWriter.save(MainWindow.blankScenario(), b);
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        boolean[] opened = new boolean[1];
        robot.interact(() -> window.toggleFeature(org.stage2scope.model.CpuFeature.DIC, false));
        robot.interact(() -> opened[0] = window.openDropped(List.of(notes.toFile(), b.toFile())));
        assertTrue(opened[0]);
        assertEquals(MainWindow.blankScenario(), window.document().scenario());
        assertEquals(b, window.document().file());
        assertEquals(List.of("open blank.json"), asked);
        assertEquals(List.of(b.toAbsolutePath().toString()), recentItems());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void droppingANonJsonFileSaysSoOnceAndKeepsTheScenario(FxRobot robot, @TempDir Path dir) throws Exception {
        Scenario before = window.document().scenario();
        Path smaps = Files.writeString(dir.resolve("smaps.txt"), "00400000-00452000 r-xp 00000000 08:02 173521 /usr/bin/qemu\n");
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.openDropped(List.of(new File(smaps.toString()))));
        assertFalse(opened[0]);
        assertEquals(List.of("Cannot open smaps.txt: drop a Stage2Scope scenario file (.json)."), errors);
        assertEquals(before, window.document().scenario());
        assertTrue(asked.isEmpty(), "nothing to discard for");
    }

    @Test
    void droppingABrokenJsonShowsTheReaderSentenceAndKeepsTheScenario(FxRobot robot, @TempDir Path dir) throws Exception {
        Scenario before = window.document().scenario();
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"stage2scope-scenario/1\",");
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.openDropped(List.of(bad.toFile())));
        assertFalse(opened[0]);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("bad.json"), errors.get(0));
        assertEquals(before, window.document().scenario());
        assertTrue(recentItems().isEmpty());
    }
}
