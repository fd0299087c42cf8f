package org.stage2scope.engine.memtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.Named;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

class AmdNptCombinerTest {

    private final AmdNptCombiner combiner = new AmdNptCombiner();

    @ParameterizedTest(name = "host WB x guest {0} -> {1}")
    @CsvSource({"UC, UC", "UC-, UC", "WC, WC", "WT, WT", "WP, WP", "WB, WB"})
    void hostWriteBackIsNeutralSoTheGuestPatWinsForRam(String pat, String expected) {
        Combined c = combiner.combine(Named.byId(X86MemType.class, pat), "WB");
        assertEquals(expected, c.result());
        assertEquals("memtype.x86.npt.modelled", c.rule().id());
        assertTrue(c.reason().startsWith("modelled"), c.reason());
    }

    @ParameterizedTest(name = "host UC x guest {0} -> {1}")
    @CsvSource({"UC, UC", "UC-, UC", "WC, WC", "WT, UC", "WP, UC", "WB, UC"})
    void hostUncachedMmioIsUcExceptGuestWc(String pat, String expected) {
        assertEquals(expected, combiner.combine(Named.byId(X86MemType.class, pat), "UC").result());
    }

    @Test
    void kvmCannotForceWriteBackOnAmd() {
        Host host = new Host(Arch.X86_AMD, Granule.G4K, 47, Set.of());
        Combined c = MemtypeCombiner.forArch(Arch.X86_AMD).combine(new Stage1Attr.Pat(X86MemType.UC),
                IntelEptCombinerTest.entry("WB", null), host);
        assertEquals("UC", c.result());
        assertTrue(c.reason().contains("cannot force write-back"), c.reason());
    }
}
