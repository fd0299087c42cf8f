package org.stage2scope.engine.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.io.SampleCatalog;

class ScenarioCellsTest {

    private static Evaluation sample(String file) throws Exception {
        return Evaluator.evaluate(SampleCatalog.load(file));
    }

    @Test
    void graceHopperWithFwbLandsTheGuestDeviceMappingOfGpuMemoryInTheForceWbColumn() throws Exception {
        ScenarioCells cells = ScenarioCells.of(sample("grace-hopper-fwb.json"));
        Map<ScenarioCells.Key, List<Ref.GpaRange>> on = cells.cells(true);
        // The guest maps 1G of usemem at 0x9780000000 Device-nGnRE; KVM maps usemem Normal-WB, 0b0110 with FWB.
        List<Ref.GpaRange> dev = on.get(new ScenarioCells.Key("0x04", "0b0110"));
        assertTrue(dev != null && dev.contains(new Ref.GpaRange(0x9780000000L, 1L << 30)), String.valueOf(on));
        assertEquals(new ScenarioCells.Key("0x04", "0b0110"), cells.cellAt(true, 0x9780001000L));
        // The same entry on a host without FWB would carry 0b1111.
        assertEquals(new ScenarioCells.Key("0x04", "0b1111"), cells.cellAt(false, 0x9780001000L));
        assertEquals(new ScenarioCells.Key("0x44", "0b0101"), cells.cellAt(true, 0xa000000000L));
        assertNull(cells.cellAt(true, 0x9000000L), "the UART has no memslot, so no effective type");
        GridCell cell = MemtypeGrid.arm64(true, false, cells.rows()).cell("0x04", "0b0110");
        assertEquals("Normal-WB (0xff)", cell.label());
    }

    @Test
    void intelRangesLandOnlyInTheGridWithTheirIpatBit() throws Exception {
        ScenarioCells quirk = ScenarioCells.of(sample("x86-intel-quirk.json"));
        assertTrue(quirk.cells(true).keySet().stream().allMatch(k -> k.column().equals("WB") || k.column().equals("UC")));
        assertTrue(quirk.cells(true).keySet().stream().anyMatch(k -> k.column().equals("WB")));
        assertTrue(quirk.cells(false).keySet().stream().noneMatch(k -> k.column().equals("WB")), "RAM has IPAT = 1 under the quirk");
        ScenarioCells noQuirk = ScenarioCells.of(sample("x86-intel-no-quirk.json"));
        assertTrue(noQuirk.cells(false).keySet().stream().anyMatch(k -> k.column().equals("WB")));
        assertTrue(noQuirk.cells(true).isEmpty() || noQuirk.cells(true).keySet().stream().noneMatch(k -> k.column().equals("WB")));
    }
}
