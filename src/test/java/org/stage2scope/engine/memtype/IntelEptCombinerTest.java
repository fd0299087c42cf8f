package org.stage2scope.engine.memtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.Named;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

class IntelEptCombinerTest {

    private final IntelEptCombiner combiner = new IntelEptCombiner();

    private static X86MemType type(String id) {
        return Named.byId(X86MemType.class, id);
    }

    /** Every cell of the table in memtypes.md (EPT type in the MTRR's place). */
    @ParameterizedTest(name = "EPT {0} x PAT {1} (IPAT=0) -> {2}")
    @CsvSource({
            "UC, UC, UC", "UC, UC-, UC", "UC, WC, WC", "UC, WT, UC", "UC, WP, UC", "UC, WB, UC",
            "WC, UC, UC", "WC, UC-, WC", "WC, WC, WC", "WC, WT, UC", "WC, WP, UC", "WC, WB, WC",
            "WT, UC, UC", "WT, UC-, UC", "WT, WC, WC", "WT, WT, WT", "WT, WP, WP", "WT, WB, WT",
            "WP, UC, UC", "WP, UC-, WC", "WP, WC, WC", "WP, WT, WT", "WP, WP, WP", "WP, WB, WP",
            "WB, UC, UC", "WB, UC-, UC", "WB, WC, WC", "WB, WT, WT", "WB, WP, WP", "WB, WB, WB",
    })
    void ipatClearCombinesEptTypeWithGuestPatAsTheSdmTable(String ept, String pat, String expected) {
        Combined c = combiner.combine(type(pat), ept, false);
        assertEquals(expected, c.result());
        assertEquals(expected, c.name());
        assertEquals("memtype.x86.ept.pat", c.rule().id());
    }

    @ParameterizedTest(name = "EPT {0} with IPAT=1 ignores every PAT type")
    @CsvSource({"UC", "WC", "WT", "WP", "WB"})
    void ipatSetGivesTheEptTypeWhateverTheGuestPat(String ept) {
        for (X86MemType pat : X86MemType.values()) {
            Combined c = combiner.combine(pat, ept, true);
            assertEquals(ept, c.result(), "PAT " + pat.id());
            assertEquals("memtype.x86.ept.ipat", c.rule().id());
        }
    }

    @Test
    void kvmMmioUcWithoutIpatStillLetsTheGuestUseWc() {
        assertEquals("WC", combiner.combine(X86MemType.WC, "UC", false).result());
    }

    @Test
    void kvmRamWbWithIpatIsWriteBackEvenWhenTheGuestAsksUc() {
        Combined c = combiner.combine(X86MemType.UC, "WB", true);
        assertEquals("WB", c.result());
        assertEquals(MemClass.WRITE_BACK, c.memClass());
        assertTrue(c.reason().contains("ignored"), c.reason());
    }

    @Test
    void memClassesFollowTheType() {
        assertEquals(MemClass.WRITE_THROUGH, combiner.combine(X86MemType.WP, "WB", false).memClass());
        assertEquals(MemClass.WRITE_THROUGH, combiner.combine(X86MemType.WT, "WB", false).memClass());
        assertEquals(MemClass.NON_CACHEABLE, combiner.combine(X86MemType.WC, "WB", false).memClass());
        assertEquals(MemClass.DEVICE, combiner.combine(X86MemType.UC_MINUS, "WB", false).memClass());
    }

    @Test
    void ucMinusIsNotAnEptType() {
        Combined c = combiner.combine(X86MemType.WB, "UC-", false);
        assertEquals("RESERVED", c.result());
        assertEquals(MemClass.RESERVED, c.memClass());
        assertEquals("memtype.x86.ept.reserved", c.rule().id());
    }

    @Test
    void combineThroughTheInterfaceReadsTypeAndIpat() {
        MemtypeCombiner c = MemtypeCombiner.forArch(Arch.X86_INTEL);
        Host host = new Host(Arch.X86_INTEL, Granule.G4K, 47, Set.of());
        assertEquals("WB", c.combine(new Stage1Attr.Pat(X86MemType.UC), entry("WB", true), host).result());
        assertEquals("UC", c.combine(new Stage1Attr.Pat(X86MemType.UC), entry("WB", false), host).result());
        assertThrows(IllegalArgumentException.class,
                () -> c.combine(new Stage1Attr.Pat(X86MemType.UC), entry("WB", null), host));
        assertThrows(IllegalArgumentException.class,
                () -> c.combine(new Stage1Attr.Mair(0xff), entry("WB", true), host));
    }

    static Stage2Entry entry(String type, Boolean ipat) {
        return new Stage2Entry(type, MemClass.WRITE_BACK, null, null, null, ipat, true, true, true, 4096, false, false);
    }
}
