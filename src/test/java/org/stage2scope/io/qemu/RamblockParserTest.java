package org.stage2scope.io.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RamblockParserTest {

    @Test
    void armTableWithWideNamesAndTheSpaceInPSize() throws Exception {
        List<RamBlock> blocks = RamblockParser.parse(Samples.text(Samples.ARM + "monitor.txt"), "monitor.txt");
        assertEquals(8, blocks.size());
        RamBlock ram0 = blocks.get(0);
        assertEquals("ram0", ram0.name());
        assertEquals(4096, ram0.pageSize());
        assertEquals(0, ram0.offset());
        assertEquals(0x80000000L, ram0.used());
        assertEquals(0x80000000L, ram0.total());
        assertNull(ram0.hva());
        RamBlock rom = blocks.get(5);
        assertEquals("0000:00:02.0/virtio-net-pci.rom", rom.name());
        assertEquals(0x8c000000L, rom.offset());
        RamBlock tables = blocks.get(4);
        assertEquals("/rom@etc/acpi/tables", tables.name());
        assertEquals(0x20000L, tables.used());
        assertEquals(0x200000L, tables.total());
    }

    @Test
    void newerTableWithHvaAndRoColumns() throws Exception {
        String text = "(qemu) info ramblock\n"
                + "              Block Name    PSize              Offset               Used              Total                HVA  RO\n"
                + "                  pc.ram    2 MiB  0x0000000000000000 0x0000000080000000 0x0000000080000000 0x00007f1200000000  rw\n"
                + "                 pc.bios    4 KiB  0x0000000080000000 0x0000000000040000 0x0000000000040000 0x00007f11ffa00000  ro\n"
                + "(qemu) \n";
        List<RamBlock> blocks = RamblockParser.parse(text, "m");
        assertEquals(2, blocks.size());
        assertEquals(2L << 20, blocks.get(0).pageSize());
        assertEquals(0x7f1200000000L, blocks.get(0).hva());
        assertEquals(Boolean.FALSE, blocks.get(0).readOnly());
        assertEquals(Boolean.TRUE, blocks.get(1).readOnly());
        assertEquals(4, blocks.get(1).line());
    }

    @Test
    void malformedRowIsLocated() {
        String text = "    Block Name    PSize    Offset    Used    Total\n      ram0  4 KiB 0x0 0xzz 0x1000\n";
        ImportException e = assertThrows(ImportException.class, () -> RamblockParser.parse(text, "m"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("Used \"0xzz\" is not a hex number"), e.getMessage());
        ImportException noTable = assertThrows(ImportException.class, () -> RamblockParser.parse("(qemu) info mtree -f\n", "m"));
        assertTrue(noTable.getMessage().contains("no \"info ramblock\" table"), noTable.getMessage());
    }
}
