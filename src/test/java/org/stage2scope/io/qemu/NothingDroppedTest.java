package org.stage2scope.io.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.MemslotCall;

/**
 * Issue 9 item 2 and 4: a flat-view line of a pasted transcript is understood, reported with its
 * line, or the import fails; never skipped without a word. Built on the real arm64 capture, whose
 * system view maps guest RAM (ram0) at line 66.
 */
class NothingDroppedTest {
    private static final String RAM_LINE = "  0000000040000000-00000000bfffffff (prio 0, ram): ram0";

    private static String monitor() {
        return Samples.text(Samples.ARM + "monitor.txt");
    }

    private static ImportResult importMonitor(String monitor) throws ImportException {
        return QemuImporter.importText(Samples.text(Samples.ARM + "smaps.txt"), "smaps.txt", monitor, "monitor.txt",
                ImportOptions.DEFAULT);
    }

    private static List<String> slots(ImportResult r) {
        return r.scenario().memslots().stream().map(MemslotCall::toString).collect(Collectors.toList());
    }

    private static String eachLine(String text, UnaryOperator<String> f) {
        return text.lines().map(f).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void theCleanCaptureHasTheRamSlot() throws ImportException {
        assertTrue(monitor().contains(RAM_LINE + "\r\n"));
        assertTrue(importMonitor(monitor()).report().mentions("slot 2: gpa 0x40000000 size 2 GiB"));
    }

    @Test
    void aPromptPastedInsideTheFlatViewIsStripped() throws ImportException {
        List<String> clean = slots(importMonitor(monitor()));
        String bare = monitor().replace(RAM_LINE + "\r\n", "(qemu) \r\n" + RAM_LINE + "\r\n");
        assertEquals(clean, slots(importMonitor(bare)));
        String prefixed = monitor().replace(RAM_LINE, "(qemu) " + RAM_LINE);
        assertEquals(clean, slots(importMonitor(prefixed)));
    }

    @Test
    void carriageReturnsAndTerminalEscapesOnEveryLineAreStripped() throws ImportException {
        List<String> clean = slots(importMonitor(monitor()));
        assertEquals(3, clean.size(), clean.toString());
        assertEquals(clean, slots(importMonitor(eachLine(monitor(), l -> l + "\r\r"))), "CR CR LF");
        assertEquals(clean, slots(importMonitor(eachLine(monitor(), l -> "\u001b[0m" + l + "\u001b[K"))), "CSI escapes");
        assertEquals(clean, slots(importMonitor(eachLine(monitor(), l -> "\u001b]0;qemu\u0007" + l))), "OSC title");
        assertEquals(clean, slots(importMonitor("\uFEFF" + monitor())), "byte-order mark");
    }

    @Test
    void aRangeWithABadDigitFailsTheImportAtItsLine() {
        String bad = monitor().replace(RAM_LINE, "  00000000400000g0-00000000bfffffff (prio 0, ram): ram0");
        ImportException e = assertThrows(ImportException.class, () -> importMonitor(bad));
        assertEquals(66, e.line());
        assertTrue(e.getMessage().startsWith("monitor.txt:66: malformed flat range"), e.getMessage());
    }

    @Test
    void anUnknownTypeOrStrayLineIsReportedWithItsLine() throws ImportException {
        String unknown = monitor().replace(RAM_LINE, "  0000000040000000-00000000bfffffff (prio 0, ramx): ram0");
        ImportResult r = importMonitor(unknown);
        assertTrue(r.report().mentions("monitor.txt:66: range 0x40000000-0xbfffffff (ramx) ram0 has the unknown type \"ramx\""),
                r.report().toString());
        String stray = monitor().replace(RAM_LINE + "\r\n", RAM_LINE + "\r\n  some pasted junk\r\n");
        assertTrue(importMonitor(stray).report().mentions("monitor.txt:67: \"some pasted junk\" is not an address space, range"
                + " or header line of a flat view; skipped"));
    }

    @Test
    void twoCapturesInOneTranscriptTakeTheLastAndSaySo() throws ImportException {
        String first = monitor().replace("00000000bfffffff (prio 0, ram): ram0", "000000007fffffff (prio 0, ram): ram0");
        ImportResult r = importMonitor(first + monitor());
        assertEquals(slots(importMonitor(monitor())), slots(r), "the newest capture wins");
        int lines = (int) first.chars().filter(c -> c == '\n').count();
        assertTrue(r.report().mentions("monitor.txt: the transcript holds 2 \"info mtree -f\" outputs; imported the last one"
                + " (FlatView #1 at line " + (lines + 9) + ")"), r.report().toString());
        assertTrue(r.report().mentions("the transcript holds 2 \"info ramblock\" tables; imported the last one"), r.report().toString());
    }

    @Test
    void aFlatViewNumberBeyondAnIntIsALocatedRefusal() {
        String big = monitor().replace("FlatView #1\r", "FlatView #2147483648\r");
        ImportException e = assertThrows(ImportException.class, () -> importMonitor(big));
        assertEquals("monitor.txt:9: FlatView number 2147483648 is out of range; expected the small counter QEMU prints (#0, #1, ...)",
                e.getMessage());
    }

    @Test
    void moreRangesThanKvmHasMemslotsIsALocatedRefusal() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= QemuImporter.MAX_SLOTS; i++) {
            many.append(String.format("  %016x-%016x (prio 0, ram): ram0 @%016x\r\n", 0x40000000L + i * 0x2000L,
                    0x40000000L + i * 0x2000L + 0xfff, i * 0x2000L));
        }
        String text = monitor().replace(RAM_LINE + "\r\n", many.toString());
        ImportException e = assertThrows(ImportException.class, () -> importMonitor(text));
        assertEquals(66 + QemuImporter.MAX_SLOTS - 2, e.line(), "the two flash slots come first");
        assertTrue(e.getMessage().contains("needs more than 32767 memslots"), e.getMessage());
    }

    @Test
    void aHugetlbPageSizeThatIsNoPowerOfTwoIsALocatedRefusal() {
        String smaps = Samples.text(Samples.ARM + "smaps.txt");
        int vma = smaps.indexOf("7fc0e3fff000-");
        int kps = smaps.indexOf("KernelPageSize:", vma);
        String bad = smaps.substring(0, kps) + "KernelPageSize:       12 kB" + smaps.substring(smaps.indexOf('\n', kps));
        int line = (int) bad.substring(0, kps).chars().filter(c -> c == '\n').count() + 1;
        ImportException e = assertThrows(ImportException.class,
                () -> QemuImporter.importText(bad, "smaps.txt", monitor(), "monitor.txt", ImportOptions.DEFAULT));
        assertEquals("smaps.txt:" + line + ": KernelPageSize: 12 kB is not a page size; expected a power of two such as 4 kB, 64 kB,"
                + " 2048 kB or 1048576 kB", e.getMessage());
    }
}
