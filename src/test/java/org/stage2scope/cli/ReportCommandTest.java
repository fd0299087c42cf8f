package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void htmlWithAgainstListsWhatFwbBuysAndTheComparison() throws Exception {
        Path html = dir.resolve("review.html");
        CliRun r = CliRun.run("report", "samples/grace-hopper-fwb.json", "-o", html.toString(), "--compare",
                "--against", "samples/grace-hopper-no-fwb.json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(html.toAbsolutePath().normalize() + System.lineSeparator(), r.out());
        Document d = Jsoup.parse(Files.readString(html));
        assertEquals("What changed against grace-hopper-no-fwb.json", d.selectFirst("h2#ab").text());
        List<String> firstCells = d.select("h2#ab ~ div.scroll").first().select("tbody tr td:first-child").eachText();
        assertEquals(List.of("0x0", "0x40000000", "0x8000000000"), firstCells);
        assertTrue(d.select("h2#ab ~ div.scroll").first().text().contains("refused EINVAL -> mapped"));
        assertTrue(d.selectFirst("h2#compare") != null);
        assertTrue(d.select("h2#compare ~ div.scroll tr.differs").size() >= 2, "usemem disagrees between the policies");
    }

    @Test
    void markdownWritesThePictureBesideItAndSaysSo() throws Exception {
        Path md = dir.resolve("review.md");
        CliRun r = CliRun.run("report", "samples/vfio-bar-device.json", "-o", md.toString());
        assertEquals(0, r.code(), r.err());
        Path png = dir.resolve("review.png");
        assertEquals(png.toAbsolutePath().normalize() + System.lineSeparator() + md.toAbsolutePath().normalize() + System.lineSeparator(),
                r.out());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 1000);
        assertTrue(Files.readString(md).contains("](<review.png>)"));
    }

    @Test
    void textHonoursThePolicyAndFitsAMail() throws Exception {
        Path txt = dir.resolve("mail.txt");
        assertEquals(0, CliRun.run("report", "samples/grace-hopper-fwb.json", "-o", txt.toString(), "--policy", "pre-6.17").code());
        String text = Files.readString(txt);
        assertTrue(text.contains("policy  pre-6.17: "), text);
        assertTrue(text.contains("Device-nGnRE"));
        assertTrue(text.lines().allMatch(l -> l.length() <= 80 && l.indexOf('\t') < 0));
    }

    @Test
    void anUnknownExtensionOrAnUnreadableScenarioIsOneSentenceAndExit2() {
        CliRun r = CliRun.run("report", "samples/grace-hopper-fwb.json", "-o", dir.resolve("review.docx").toString());
        assertEquals(2, r.code());
        assertEquals("stage2scope report: " + dir.resolve("review.docx") + ": unknown report format; the file name must end in .html, .md, .txt or .json"
                + System.lineSeparator(), r.err());
        assertFalse(Files.exists(dir.resolve("review.docx")));
        CliRun missing = CliRun.run("report", "samples/grace-hopper-fwb.json", "-o", dir.resolve("r.html").toString(),
                "--against", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code());
        assertFalse(missing.err().contains("Exception"), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertFalse(Files.exists(dir.resolve("r.html")), "nothing written when OTHER cannot be read");
        CliRun unwritable = CliRun.run("report", "samples/grace-hopper-fwb.json", "-o", dir.resolve("no/such/dir/r.html").toString());
        assertEquals(2, unwritable.code());
        assertTrue(unwritable.err().contains("cannot write"), unwritable.err());
        assertEquals(1, unwritable.err().lines().count(), unwritable.err());
    }
}
