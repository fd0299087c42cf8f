package org.stage2scope.io.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MtreeParserTest {

    private static FlatRange one(String line) throws ImportException {
        return MtreeParser.range(line, "m", 7);
    }

    @Test
    void q35TranscriptYieldsFiveViewsAndTheSystemOne() throws Exception {
        List<FlatView> views = MtreeParser.parse(Samples.text(Samples.Q35 + "monitor.txt"), "monitor.txt");
        assertEquals(5, views.size());
        FlatView system = MtreeParser.systemView(views, "monitor.txt");
        assertEquals(3, system.number());
        assertEquals(List.of("memory", "cpu-memory-0", "cpu-memory-1", "ich9-ahci", "e1000e"), system.addressSpaces());
        assertEquals(28, system.ranges().size());
        FlatRange high = system.ranges().get(27);
        assertEquals(0x100000000L, high.start());
        assertEquals(0x1bfffffffL, high.last());
        assertEquals(3L << 30, high.size());
        assertEquals("pc.ram", high.region());
        assertEquals(0x80000000L, high.offset());
    }

    @Test
    void armTranscriptSkipsPromptEchoAndFindsTheSystemView() throws Exception {
        List<FlatView> views = MtreeParser.parse(Samples.text(Samples.ARM + "monitor.txt"), "monitor.txt");
        assertEquals(3, views.size());
        assertTrue(views.get(0).ranges().isEmpty());
        FlatView system = MtreeParser.systemView(views, "monitor.txt");
        assertEquals(1, system.number());
        assertEquals(58, system.ranges().size());
        assertEquals(List.of("virt.flash0", "virt.flash1", "ram0"),
                system.ranges().stream().filter(FlatRange::isMemory).map(FlatRange::region).toList());
    }

    @Test
    void regionNamesWithSpacesParseFromTheRight() throws Exception {
        FlatRange r = one("  00000000febd4400-00000000febd441f (prio 0, i/o): vga ioports remapped");
        assertEquals("vga ioports remapped", r.region());
        assertEquals(0, r.offset());
        assertEquals(0x20, r.size());
        FlatRange withAll = one("  00000000000c0000-00000000000cafff (prio 0, rom): my region @00000000000c0000 kvm");
        assertEquals("my region", withAll.region());
        assertEquals(0xc0000L, withAll.offset());
        assertTrue(withAll.kvm());
        assertTrue(withAll.isReadOnly());
        assertEquals(0xb000, withAll.size());
    }

    @Test
    void nonVolatilePrefixIsSplitFromTheType() throws Exception {
        FlatRange r = one("  0000000140000000-000000017fffffff (prio 0, nv-ram): pmem0 kvm");
        assertTrue(r.nonVolatile());
        assertEquals("ram", r.type());
        assertTrue(r.isMemory());
        assertFalse(r.isReadOnly());
        assertEquals("pmem0", r.region());
    }

    @Test
    void endIsInclusiveUpToTheLastAddress() throws Exception {
        FlatRange top = one("  ffffffffffff0000-ffffffffffffffff (prio 0, ramd): 0000:01:00.0 BAR 2 mmaps[0] @0000000000010000");
        assertEquals(0xffffffffffff0000L, top.start());
        assertEquals(-1L, top.last());
        assertEquals(0x10000L, top.size());
        assertEquals("0000:01:00.0 BAR 2 mmaps[0]", top.region());
        assertEquals(0x10000L, top.offset());
        assertTrue(top.isMemory());
        FlatRange all = one("  0000000000000000-ffffffffffffffff (prio -1, i/o): unassigned");
        assertEquals(0, all.size());
        assertEquals(-1, all.priority());
    }

    @Test
    void malformedRangeInsideABlockIsLocated() {
        String text = "FlatView #0\n AS \"memory\", root: system\n  0000000000000000-00000000000fffff (prio 0, ram): pc.ram\n"
                + "  0000000000100000-00000000001fffff prio 0 ram pc.ram\n";
        ImportException e = assertThrows(ImportException.class, () -> MtreeParser.parse(text, "monitor.txt"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("monitor.txt:4: malformed flat range"), e.getMessage());
        ImportException big = assertThrows(ImportException.class,
                () -> one("  10000000000000000-10000000000000fff (prio 0, ram): x"));
        assertEquals("m:7: address 10000000000000000 is above 2^64 - 1; expected 16 hex digits", big.getMessage());
    }

    @Test
    void treeWithoutFlatViewsAsksForTheFlag() {
        String tree = "address-space: memory\n  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n";
        ImportException e = assertThrows(ImportException.class, () -> MtreeParser.parse(tree, "monitor.txt"));
        assertTrue(e.getMessage().contains("\"info mtree -f\""), e.getMessage());
        ImportException none = assertThrows(ImportException.class, () -> MtreeParser.systemView(
                List.of(new FlatView(1, 0, List.of("I/O"), List.of())), "monitor.txt"));
        assertTrue(none.getMessage().contains("no FlatView lists AS \"memory\""), none.getMessage());
    }
}
