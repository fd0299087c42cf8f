package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.model.Scenario;

/** Every format from every sample, with the policy comparison and an A/B section, as a reader's tools see them. */
class ReviewDocumentsTest {

    static ReviewDocument full(String file) throws Exception {
        Scenario s = SampleCatalog.load(file);
        Evaluation before = Evaluator.evaluate(SampleCatalog.load("grace-hopper-no-fwb.json"));
        return new ReviewDocument(Evaluator.evaluate(s), org.stage2scope.engine.Comparison.of(s), before, "grace-hopper-no-fwb.json");
    }

    @Test
    void htmlParsesCleanlyAndReferencesNothingOutsideItself() throws Exception {
        for (Sample s : SampleCatalog.list()) {
            ReviewDocument doc = full(s.fileName());
            String html = HtmlWriter.write(doc);
            Parser parser = Parser.htmlParser().setTrackErrors(100);
            Document d = Jsoup.parse(html, "", parser);
            assertEquals(List.of(), parser.getErrors().stream().map(Object::toString).toList(), s.fileName());
            for (Element e : d.getAllElements()) {
                for (String attr : List.of("src", "href", "xlink:href", "srcset", "poster", "data", "action", "background")) {
                    String v = e.attr(attr);
                    assertTrue(v.isEmpty() || v.startsWith("#"), s.fileName() + ": <" + e.tagName() + " " + attr + "=" + v + ">");
                }
            }
            assertTrue(d.select("script, link, iframe, object, embed, img, base").isEmpty(), s.fileName());
            for (Element style : d.select("style")) {
                assertFalse(style.data().contains("url(") || style.data().contains("@import"), s.fileName());
            }
            assertEquals(1, d.select("figure > svg").size(), s.fileName());
            int ranges = RangeRows.of(doc.evaluation()).size();
            Element rangeTable = d.selectFirst("h2#ranges ~ div.scroll table");
            assertEquals(ranges, rangeTable.select("tbody tr").size(), s.fileName());
            assertEquals(doc.evaluation().memslotCalls().size(), d.selectFirst("h2#memslots ~ div.scroll table").select("tbody tr").size());
            assertFalse(d.select("h2#compare").isEmpty() || d.select("h2#ab").isEmpty(), s.fileName());
            for (Element row : d.select("table.grid tr")) {
                assertEquals(row.parent().parent().select("thead th").size(), row.children().size(), s.fileName() + ": " + row);
            }
        }
    }

    @Test
    void markdownTablesHaveConsistentColumnCountsAndPointAtTheirPicture() throws Exception {
        for (Sample s : SampleCatalog.list()) {
            String md = MarkdownWriter.write(full(s.fileName()), "review.png");
            assertTrue(md.contains("](<review.png>)"), s.fileName());
            List<String> table = new ArrayList<>();
            int tables = 0;
            for (String line : (md + "\n").split("\n", -1)) {
                if (line.startsWith("|")) {
                    table.add(line);
                    continue;
                }
                if (!table.isEmpty()) {
                    tables++;
                    int columns = cells(table.get(0));
                    assertTrue(table.get(1).matches("\\|(---\\|)+"), s.fileName() + ": " + table.get(1));
                    for (String row : table) {
                        assertEquals(columns, cells(row), s.fileName() + ": " + row);
                    }
                    table.clear();
                }
            }
            assertTrue(tables >= 5, s.fileName() + " has " + tables + " tables");
        }
    }

    /** GFM's own rule: a cell ends at a pipe that is not escaped by a backslash. */
    private static int cells(String row) {
        int n = 0;
        for (int i = 1; i < row.length(); i++) {
            if (row.charAt(i) == '|' && row.charAt(i - 1) != '\\') {
                n++;
            }
        }
        return n;
    }

    @Test
    void mailTextIsAsciiWithinEightyColumnsAndHasNoTabs() throws Exception {
        for (Sample s : SampleCatalog.list()) {
            String text = MailWriter.write(full(s.fileName()));
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                assertTrue(lines[i].length() <= MailWriter.WIDTH, s.fileName() + ":" + (i + 1) + " is " + lines[i].length() + " wide: " + lines[i]);
                assertTrue(lines[i].chars().allMatch(c -> c >= 0x20 && c < 0x7f), s.fileName() + ":" + (i + 1) + ": " + lines[i]);
            }
            assertTrue(text.contains("GPA ranges\n----------"), s.fileName());
        }
    }

    @Test
    void mailWrapsALongCellInsideItsColumnInsteadOfWideningTheTable() {
        StringBuilder sb = new StringBuilder();
        WrappedTable.append(sb, List.of("gpa", "vma"), List.of(List.of("0x8000000000",
                "nvgrace-gpu usemem (/dev/vfio/devices/vfio0, BAR4) which is a long name, longer than a mail line allows")), "  ", 40);
        for (String line : sb.toString().split("\n")) {
            assertTrue(line.length() <= 40, line);
        }
        assertTrue(sb.toString().contains("  0x8000000000  nvgrace-gpu usemem\n"), sb.toString());
    }

    @Test
    void nonAsciiNamesAreSpelledOutForMail() {
        assertEquals("RAM -> GPU -- cafe x2 \"q\" ?", Ascii.of("RAM \u2192 GPU \u2014 caf\u00e9 \u00d72 \u201cq\u201d \u4e2d"));
        assertEquals("a b", Ascii.of("a\tb\u001b"));
    }

    @Test
    void markdownWritesItsPictureBesideItAndAnUnknownExtensionIsRefusedInOneSentence(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("review.md");
        List<Path> written = ReportFiles.write(md, ReviewDocument.of(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT))));
        assertEquals(List.of(dir.resolve("review.png"), md), written);
        assertTrue(ImageIO.read(dir.resolve("review.png").toFile()).getWidth() >= 1000);
        assertTrue(Files.readString(md, StandardCharsets.UTF_8).startsWith("# Stage2Scope review: Grace Hopper with FWB"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.write(dir.resolve("review.docx"), ReviewDocument.of(Evaluator.evaluate(SampleCatalog.load(SampleCatalog.DEFAULT)))));
        assertTrue(e.getMessage().endsWith("review.docx: unknown report format; the file name must end in .html, .md, .txt or .json"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("review.docx")));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temp file left behind");
        }
    }

    @Test
    void importedScenariosCarryTheirCaveatsIntoTheDocument() throws Exception {
        Scenario s = SampleCatalog.load("vfio-bar-device.json");
        Scenario imported = new Scenario("qemu", org.stage2scope.io.qemu.QemuImporter.DESCRIPTION_PREFIX + "smaps.txt (/proc/PID/smaps) and m.txt"
                + " (QEMU info mtree -f, info ramblock): 1 memslots over 1 VMAs." + org.stage2scope.io.qemu.QemuImporter.INFERRED
                + "/dev/vfio/12 memType/backing (vfio BAR).", s.host(), s.vm(), s.vmas(), s.memslots(), null);
        String html = HtmlWriter.write(ReviewDocument.of(Evaluator.evaluate(imported)));
        Document d = Jsoup.parse(html);
        Element caveats = d.selectFirst("section.caveats");
        assertTrue(caveats != null && caveats.text().contains("/dev/vfio/12 memType/backing (vfio BAR)"), html);
        assertTrue(caveats.text().contains("CPU features are not in the captures"));
        assertTrue(Jsoup.parse(HtmlWriter.write(ReviewDocument.of(Evaluator.evaluate(s)))).select("section.caveats").isEmpty());
    }
}
