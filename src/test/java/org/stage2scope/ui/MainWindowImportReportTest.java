package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Import from QEMU on real captures and File > Save report, through the window's testable methods. */
@ExtendWith(ApplicationExtension.class)
class MainWindowImportReportTest {
    private static final Path CAPTURE = Path.of("src/test/resources/samples-real/qemu-aarch64-virt-uefi");

    private MainWindow window;
    private Stage stage;
    private final List<String> errors = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = TestWindows.open(stage, errors);
        window.openDefault();
        window.show();
    }

    @Test
    void importingTheRealAarch64CaptureOpensAnUnsavedScenarioWithItsThreeMemslots(FxRobot robot) {
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = window.importQemu(CAPTURE.resolve("smaps.txt"), CAPTURE.resolve("monitor.txt"), ImportOptions.DEFAULT));
        assertTrue(ok[0], errors.toString());
        assertTrue(errors.isEmpty(), errors.toString());
        Scenario s = window.document().scenario();
        assertEquals(3, s.memslots().size());
        MemslotCall slot2 = s.memslots().stream().filter(c -> c.slot() == 2).findFirst().orElseThrow();
        assertEquals(0x40000000L, slot2.gpa());
        assertTrue(window.document().isDirty());
        assertNull(window.document().file(), "an import belongs to no file until saved");
        assertTrue(stage.getTitle().endsWith(" *"), stage.getTitle());
        assertTrue(window.explanationArea().getText().startsWith("Import report (smaps.txt, monitor.txt)"),
                window.explanationArea().getText());
        assertTrue(window.explanationArea().getText().lines().count() > 1, "the report lines follow");
    }

    @Test
    void aTruncatedSmapsFileIsOneSentenceNamingFileAndLineAndKeepsTheScenario(@TempDir Path dir, FxRobot robot) throws Exception {
        String[] lines = Files.readString(CAPTURE.resolve("smaps.txt")).split("\n", -1);
        String cut = String.join("\n", Arrays.copyOf(lines, 100));
        Path smaps = dir.resolve("smaps-cut.txt");
        Files.writeString(smaps, cut.substring(0, cut.length() - 5), StandardCharsets.UTF_8);
        Scenario before = window.document().scenario();
        String title = stage.getTitle();
        boolean[] ok = new boolean[1];
        robot.interact(() -> ok[0] = window.importQemu(smaps, CAPTURE.resolve("monitor.txt"), ImportOptions.DEFAULT));
        assertFalse(ok[0]);
        assertEquals(1, errors.size(), errors.toString());
        String msg = errors.get(0);
        assertTrue(msg.contains(smaps + ":100:"), msg);
        assertTrue(msg.contains("cut mid-way"), msg);
        assertFalse(msg.contains("\n\tat "), "no stack trace");
        assertSame(before, window.document().scenario());
        assertEquals(title, stage.getTitle());
    }

    @Test
    void aMissingMonitorFileIsOneSentenceAndKeepsTheScenario(@TempDir Path dir, FxRobot robot) {
        Scenario before = window.document().scenario();
        robot.interact(() -> window.importQemu(CAPTURE.resolve("smaps.txt"), dir.resolve("nope.txt"), ImportOptions.DEFAULT));
        assertEquals(List.of("Cannot import: " + dir.resolve("nope.txt") + ": cannot read: no such file"), errors);
        assertSame(before, window.document().scenario());
    }

    @Test
    void saveReportWritesHtmlMarkdownTextOrJsonByExtension(@TempDir Path dir, FxRobot robot) throws Exception {
        String name = window.document().scenario().name();
        boolean[] ok = new boolean[4];
        robot.interact(() -> {
            ok[0] = window.saveReport(dir.resolve("r.json"));
            ok[1] = window.saveReport(dir.resolve("r.txt"));
            ok[2] = window.saveReport(dir.resolve("r.md"));
            ok[3] = window.saveReport(dir.resolve("r.html"));
        });
        assertTrue(ok[0] && ok[1] && ok[2] && ok[3], errors.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertEquals("stage2scope-report/1", json.get("format").asText());
        assertEquals(name, json.get("scenario").asText());
        String text = Files.readString(dir.resolve("r.txt"));
        assertTrue(text.startsWith("Stage2Scope review: "), text);
        assertTrue(text.lines().allMatch(l -> l.length() <= 80), "a mail reply: 80 columns");
        assertTrue(Files.readString(dir.resolve("r.md")).contains("](<r.png>)"), "report.md stays .md and gets its picture");
        assertTrue(Files.readString(dir.resolve("r.html")).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("r.html", "r.json", "r.md", "r.png", "r.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp file left behind, nothing renamed");
        }
    }

    @Test
    void saveReportRefusesAnUnknownExtension(@TempDir Path dir, FxRobot robot) {
        robot.interact(() -> window.saveReport(dir.resolve("r.pdf")));
        assertEquals(1, errors.size());
        assertEquals("Cannot save report: r.pdf: unknown report format; the file name must end in .html, .md, .txt or .json.", errors.get(0));
        assertFalse(Files.exists(dir.resolve("r.pdf")));
    }
}
