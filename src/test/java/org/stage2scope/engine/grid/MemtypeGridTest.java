package org.stage2scope.engine.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The explorer's grid against facts of the architecture the highlight sets must reproduce (no cell is
 * listed by hand in the code). Every cell against the {@code memtype} command: cli.GridMatchesMemtypeTest.
 */
class MemtypeGridTest {

    @Test
    void cellsAreNamedAsTheIssueSpellsThem() {
        MemtypeGrid g = MemtypeGrid.arm64(false, false, Set.of());
        assertEquals("Normal-WB (0xff)", g.cell("0xff", "0b1111").label());
        assertEquals("Device-nGnRE", g.cell("0xff", "0b0001").label());
        assertEquals("RESERVED", g.cell("0xff", "0b0100").label());
        assertEquals("Normal-NC (0x44)", g.cell("0x44", "0b1111").label());
        assertEquals("Normal WB RAWA", g.rows().get(g.rowOf("0xff")).name());
        assertEquals("Device", g.rows().get(g.rowOf("0x04")).group());
        assertEquals("Mixed inner/outer", g.rows().get(g.rowOf("0x4f")).group());
        assertEquals("Force WB", MemtypeGrid.arm64(true, false, Set.of()).columns().get(0b0110).name());
    }

    @Test
    void rowsAreGroupedDeviceFirst() {
        List<String> groups = MemtypeGrid.arm64(false, true, Set.of()).rows().stream().map(MemtypeGrid.Axis::group).distinct().toList();
        assertEquals(List.of("Device", "Normal non-cacheable", "Normal write-through", "Normal write-back", "Transient",
                "Tagged (MTE)", "Mixed inner/outer", "UNPREDICTABLE"), groups);
    }

    @Test
    void withoutFwbAGuestDeviceOrNcMappingOfWriteBackRamIsLessCacheable() {
        MemtypeGrid g = MemtypeGrid.arm64(false, false, Set.of());
        assertTrue(g.cell("0x04", "0b1111").lessCacheable(), "Device-nGnRE over stage-2 WB");
        assertTrue(g.cell("0x44", "0b1111").lessCacheable(), "Normal NC over stage-2 WB");
        assertTrue(g.cell("0x4f", "0b1111").lessCacheable(), "outer NC over stage-2 WB");
        assertTrue(g.cell("0xbb", "0b1111").lessCacheable(), "WT over stage-2 WB");
        assertFalse(g.cell("0xff", "0b1111").lessCacheable());
        assertFalse(g.cell("0x44", "0b0101").lessCacheable(), "stage 2 is NC already");
        assertFalse(g.cell("0x04", "0b0001").lessCacheable(), "Device is not less cacheable than Device");
        assertFalse(g.cell("0xff", "0b0100").lessCacheable(), "a RESERVED cell is not highlighted");
    }

    @Test
    void withFwbTheColumnKvmWritesForRamHasNoLessCacheableCell() {
        MemtypeGrid g = MemtypeGrid.arm64(true, true, Set.of());
        int col = g.columnOf("0b0110");
        for (int r = 0; r < g.rows().size(); r++) {
            GridCell c = g.cell(r, col);
            assertFalse(c.lessCacheable(), c.row().id());
            assertTrue(c.kvmWrites());
        }
        assertEquals("Normal-WB (0xff)", g.cell("0x04", "0b0110").label(), "FWB makes a guest Device mapping write-back");
        assertTrue(g.cell("0x44", "0b0111").lessCacheable(), "0b111 defers to stage 1, which can still lower it");
    }

    @Test
    void fwbChangesAreComputedFromBothTables() {
        MemtypeGrid on = MemtypeGrid.arm64(true, false, Set.of());
        MemtypeGrid off = MemtypeGrid.arm64(false, false, Set.of());
        for (GridCell c : on.cells()) {
            GridCell o = off.cell(c.row().id(), c.column().id());
            assertEquals(!o.combined().result().equals(c.combined().result()), c.switchChanges(), c.row().id() + " " + c.column().id());
            assertEquals(c.switchChanges(), o.switchChanges(), "symmetric");
        }
        GridCell dev = on.cell("0x04", "0b0110");
        assertTrue(dev.switchChanges());
        assertTrue(dev.explanation().contains("Without FWB the same encodings give " + off.cell("0x04", "0b0110").label()),
                dev.explanation());
        assertFalse(on.cell("0x04", "0b0001").switchChanges(), "Device at stage 2 means the same with and without FWB");
    }

    @Test
    void aKvmColumnSaysWhatTheSameMappingGetsOnTheOtherHost() {
        GridCell noFwb = MemtypeGrid.arm64(false, false, Set.of()).cell("0x04", "0b1111");
        assertEquals("0b0110", noFwb.kvmOther().write().stage2());
        assertEquals("Normal-WB (0xff)", GridCell.label(noFwb.kvmOther().combined()));
        assertTrue(noFwb.explanation().contains("On a host with FWB, KVM writes 0b0110 for the same mapping, and this guest "
                + "attribute gets Normal-WB (0xff)."), noFwb.explanation());
        GridCell fwb = MemtypeGrid.arm64(true, false, Set.of()).cell("0x44", "0b0110");
        assertEquals("Normal-NC (0x44)", GridCell.label(fwb.kvmOther().combined()), "without FWB the guest's NC wins");
        assertNull(MemtypeGrid.arm64(true, false, Set.of()).cell("0x44", "0b0111").kvmOther());
    }

    @Test
    void kvmColumnsComeFromTheFaultPath() {
        MemtypeGrid off = MemtypeGrid.arm64(false, false, Set.of());
        assertTrue(off.cell("0xff", "0b1111").kvmWrites());
        assertTrue(off.cell("0xff", "0b0101").kvmWrites());
        assertTrue(off.cell("0xff", "0b0001").kvmWrites());
        assertFalse(off.cell("0xff", "0b0110").kvmWrites());
        assertEquals(3, off.cells().stream().filter(c -> c.row().id().equals("0xff") && c.kvmWrites()).count());
    }

    @Test
    void intelMarksTheThreeValuesVmxGetMtMaskWrites() {
        MemtypeGrid ipat1 = MemtypeGrid.intel(true);
        MemtypeGrid ipat0 = MemtypeGrid.intel(false);
        assertEquals(List.of("RAM, IGNORE_GUEST_PAT on"), ipat1.cell("WB", "WB").kvm().stream().map(w -> w.what()).toList());
        assertFalse(ipat1.cell("WB", "UC").kvmWrites(), "MMIO is written with IPAT 0");
        assertEquals(List.of("MMIO (kvm_is_mmio_pfn)"), ipat0.cell("WB", "UC").kvm().stream().map(w -> w.what()).toList());
        assertEquals(List.of("RAM, quirk off or non-coherent DMA"), ipat0.cell("WB", "WB").kvm().stream().map(w -> w.what()).toList());
        assertTrue(ipat0.cell("UC", "WB").lessCacheable(), "guest UC lowers EPT WB when IPAT is clear");
        assertTrue(ipat1.cells().stream().noneMatch(GridCell::lessCacheable), "IPAT = 1: the EPT type alone");
        assertTrue(ipat1.cell("UC", "WB").switchChanges());
        assertEquals("WC", ipat0.cell("WC", "UC").label(), "guest WC over EPT UC (MMIO) still gives WC");
    }

    @Test
    void explanationCitesTheRuleAndAtC() {
        String e = MemtypeGrid.arm64(false, false, Set.of()).cell("0x44", "0b1111").explanation();
        assertTrue(e.contains("Arm ARM S2CombineS1AttrHints"), e);
        assertTrue(e.contains("at.c compute_par_s12 -> combine_s1_s2_attr"), e);
        assertTrue(e.contains("clean the data cache"), e);
        String x = MemtypeGrid.intel(true).cell("UC", "WB").explanation();
        assertTrue(x.contains("IPAT = 1"), x);
        assertTrue(x.contains("vmx_get_mt_mask"), x);
        assertNull(MemtypeGrid.arm64(false, false, Set.of()).cell("0x99", "0b1111"), "not a default row");
        assertEquals(0, MemtypeGrid.arm64(false, false, Set.of("0x99")).cell("0x99", "0b1111").row().id().compareTo("0x99"));
    }
}
