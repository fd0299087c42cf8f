package org.stage2scope.io.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Perms;
import org.stage2scope.model.VmFlag;

class SmapsParserTest {

    private static String vma(String header, String flags) {
        return header + "\nSize:               2048 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n"
                + "Rss:                   0 kB\nAnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\nTHPeligible:    0\n"
                + "VmFlags: " + flags + "\n";
    }

    @Test
    void realArmCaptureDecodesTheRam0MemfdVma() throws Exception {
        SmapsFile f = SmapsParser.parse(Samples.text(Samples.ARM + "smaps.txt"), "smaps.txt");
        assertTrue(f.detailed());
        assertEquals(356, f.vmas().size());
        SmapsVma ram0 = f.vmas().stream().filter(v -> v.start() == 0x7fc0e3fff000L).findFirst().orElseThrow();
        assertEquals(426, ram0.line());
        assertEquals(0x7fc163fff000L, ram0.end());
        assertEquals(2L << 30, ram0.size());
        assertEquals(Perms.RW_SHARED, ram0.perms());
        assertEquals("/memfd:memory-backend-memfd (deleted)", ram0.path());
        assertEquals("memory-backend-memfd", ram0.memfdName());
        assertEquals(EnumSet.of(VmFlag.VM_MAYREAD, VmFlag.VM_MAYWRITE, VmFlag.VM_MAYEXEC, VmFlag.VM_MAYSHARE,
                VmFlag.VM_DONTCOPY, VmFlag.VM_HUGEPAGE), ram0.flags());
        assertEquals(4096, ram0.kernelPageSize());
        assertEquals(Boolean.FALSE, ram0.thpEligible());
        assertTrue(f.warnings().isEmpty());
    }

    @Test
    void vvarIsPfnmapAndIoAndThpCountersAreRead() throws Exception {
        SmapsFile f = SmapsParser.parse(Samples.text(Samples.Q35 + "smaps.txt"), "smaps.txt");
        SmapsVma vvar = f.vmas().stream().filter(v -> v.path().equals("[vvar]")).findFirst().orElseThrow();
        assertEquals(EnumSet.of(VmFlag.VM_MAYREAD, VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_DONTEXPAND, VmFlag.VM_DONTDUMP), vvar.flags());
        SmapsVma vram = f.vmas().stream().filter(v -> v.start() == 0x7f9f7aa00000L).findFirst().orElseThrow();
        assertEquals(2048L << 10, vram.anonHugePages());
        assertEquals(Boolean.TRUE, vram.thpEligible());
        SmapsVma vsyscall = f.vmas().stream().filter(v -> v.path().equals("[vsyscall]")).findFirst().orElseThrow();
        assertEquals(0xffffffffff600000L, vsyscall.start());
    }

    @Test
    void everyTwoLetterCodeOfShowSmapVmaFlagsMapsToItsVmFlag() throws Exception {
        SmapsFile f = SmapsParser.parse(vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0",
                "rd wr ex sh mr mw me ms gd pf lo io sr rr dc de ac nr ht sf ar wf dd sd mm hg nh mg bt mt um uw ui ss sl lf dp "), "s");
        SmapsVma v = f.vmas().get(0);
        for (VmFlag flag : VmFlag.values()) {
            assertEquals(!flag.smapsCode().isEmpty(), v.has(flag), flag.id());
        }
        assertFalse(v.has(VmFlag.VM_MTE_ALLOWED));
        assertTrue(v.has(VmFlag.VM_MTE));
    }

    @Test
    void unknownCodesAreKeptAsLocatedWarnings() throws Exception {
        SmapsFile f = SmapsParser.parse(vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr mr ?? zz "), "s");
        assertEquals(List.of("??", "zz"), f.vmas().get(0).unknownCodes());
        assertEquals(2, f.warnings().size());
        assertTrue(f.warnings().get(0).startsWith("s:9: VmFlags code \"??\""), f.warnings().get(0));
    }

    @Test
    void pathsKeepTheirSpacesAndDeletedSuffix() throws Exception {
        SmapsFile f = SmapsParser.parse(vma("7f0000000000-7f0000200000 rw-s 00000000 00:1a 77    /dev/shm/my vm ram (deleted)", "rd wr sh "), "s");
        assertEquals("/dev/shm/my vm ram (deleted)", f.vmas().get(0).path());
    }

    @Test
    void plainMapsParsesWithoutFields() throws Exception {
        SmapsFile f = SmapsParser.parse("55f122600000-55f122a71000 r--p 00000000 fe:00 2171324   /usr/bin/qemu-system-aarch64\n"
                + "7fc0e3fff000-7fc163fff000 rw-s 00000000 00:01 1032   /memfd:memory-backend-memfd (deleted)\n"
                + "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0  [vsyscall]\n", "maps");
        assertFalse(f.detailed());
        assertEquals(3, f.vmas().size());
        assertFalse(f.vmas().get(1).hasVmFlags());
        assertEquals(0xffffffffff601000L, f.vmas().get(2).end());
    }

    @Test
    void headerWithoutItsFieldsIsLocated() {
        String text = vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr ")
                + "7f0000200000-7f0000400000 rw-p 00000000 00:00 0\n"
                + vma("7f0000400000-7f0000600000 rw-p 00000000 00:00 0", "rd wr ");
        ImportException e = assertThrows(ImportException.class, () -> SmapsParser.parse(text, "smaps.txt"));
        assertEquals(10, e.line());
        assertTrue(e.getMessage().startsWith("smaps.txt:10: the VMA 7f0000200000-7f0000400000 has no fields"), e.getMessage());
    }

    @Test
    void lastVmaWithoutVmFlagsIsLocated() {
        String full = vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr ");
        String text = full + full.replace("7f0000000000-7f0000200000", "7f0000200000-7f0000400000").replace("VmFlags: rd wr \n", "");
        ImportException e = assertThrows(ImportException.class, () -> SmapsParser.parse(text, "smaps.txt"));
        assertEquals(10, e.line());
        assertTrue(e.getMessage().contains("ends without its \"VmFlags:\" line"), e.getMessage());
    }

    @Test
    void vmFlagsLineCutMidWayIsLocated() {
        String cutInCode = vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr m");
        ImportException e = assertThrows(ImportException.class, () -> SmapsParser.parse(cutInCode, "smaps.txt"));
        assertEquals(9, e.line());
        assertTrue(e.getMessage().contains("\"m\" is not two letters"), e.getMessage());

        String cutAtEnd = vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr mr").stripTrailing();
        ImportException e2 = assertThrows(ImportException.class, () -> SmapsParser.parse(cutAtEnd, "smaps.txt"));
        assertEquals(9, e2.line());
        assertTrue(e2.getMessage().contains("cut mid-way"), e2.getMessage());
    }

    @Test
    void realCaptureCutMidVmFlagsIsLocated() {
        String text = Samples.text(Samples.ARM + "smaps.txt");
        String cut = text.substring(0, text.indexOf("VmFlags: rd wr sh mr mw me ms dc hg") + "VmFlags: rd wr sh mr mw me ms d".length());
        ImportException e = assertThrows(ImportException.class, () -> SmapsParser.parse(cut, "smaps.txt"));
        assertEquals(400, e.line());
    }

    @Test
    void malformedLinesAreLocated() {
        String text = vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd wr ") + "garbage here\n";
        ImportException e = assertThrows(ImportException.class, () -> SmapsParser.parse(text, "smaps.txt"));
        assertEquals("smaps.txt:10: \"garbage here\" is neither a VMA header nor a \"Key: value\" field; "
                + "expected a VMA header \"start-end perms offset dev inode [path]\" such as "
                + "\"7f0000000000-7f0000200000 rw-s 00000000 00:01 1032 /memfd:ram (deleted)\"", e.getMessage());

        ImportException perms = assertThrows(ImportException.class,
                () -> SmapsParser.parse("7f0000000000-7f0000200000 rwzp 00000000 00:00 0\n", "maps"));
        assertEquals(1, perms.line());
        assertTrue(perms.getMessage().contains("not a permission string"), perms.getMessage());

        ImportException size = assertThrows(ImportException.class, () -> SmapsParser.parse(
                vma("7f0000000000-7f0000200000 rw-p 00000000 00:00 0", "rd ").replace("Rss:                   0 kB", "Rss: lots"), "s"));
        assertEquals(5, size.line());
        assertTrue(size.getMessage().contains("expected a number followed by \" kB\""), size.getMessage());
    }

    @Test
    void addressAbove64BitsIsLocated() {
        ImportException e = assertThrows(ImportException.class,
                () -> SmapsParser.parse("7f0000000000-7f0000200000 rw-p 00000000 00:00 0\n1ffffffffffff0000-1ffffffffffff1000 rw-p 00000000 00:00 0\n", "maps"));
        assertEquals("maps:2: address 1ffffffffffff0000 is above 2^64 - 1; expected at most 16 hex digits", e.getMessage());
    }

    @Test
    void crlfAndAddressesAbove2To63Parse() throws Exception {
        SmapsFile f = SmapsParser.parse("8000000000000000-8000000000200000 rw-p 00000000 00:00 0\r\n", "maps");
        assertEquals(0x8000000000000000L, f.vmas().get(0).start());
        assertEquals(0x200000L, f.vmas().get(0).size());
    }
}
