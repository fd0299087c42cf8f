package org.stage2scope.engine.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stage2scope.engine.stage2.Fx.G1;
import static org.stage2scope.engine.stage2.Fx.K4;
import static org.stage2scope.engine.stage2.Fx.M2;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Vma;

class BlockSizeTest {
    static final long T1 = 1L << 40;
    static final long VMA_AT = 64 * G1;
    static final long PA = 0x40_0000_0000L;

    private static Vma bar(long size, long pa) {
        return Fx.pfnmap("bar", VMA_AT, size, pa, MemType.MT_NORMAL);
    }

    private static Stage2Mapper.Result mapBar(Vma bar, long gpa, long size) {
        return Fx.map(Fx.arm(CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(bar),
                Fx.slot(1, gpa, size, bar.start()));
    }

    private static boolean has(List<Finding> fs, String ruleId) {
        return fs.stream().anyMatch(f -> f.rule().id().equals(ruleId));
    }

    @Test
    void wellAlignedPfnmapOf64GiBIsOneRunOf1GBlocks() {
        List<Stage2Run> runs = mapBar(bar(64 * G1, PA), T1, 64 * G1).runs();
        assertEquals(1, runs.size());
        Stage2Run r = runs.get(0);
        assertEquals(T1, r.gpa());
        assertEquals(64 * G1, r.size());
        assertEquals(Stage2Run.Outcome.MAPPED, r.outcome());
        assertEquals(G1, r.s2().blockSize());
        assertEquals("Normal-WB", r.s2().type());
        assertEquals(0b0110, r.s2().memAttr());
        assertEquals(0b1111, r.s2().memAttrNoFwb());
        assertEquals(0b0110, r.s2().memAttrFwb());
        assertEquals("s2.pfnmap.cacheable", r.rule().id());
        assertEquals("RWX", r.s2().perms(), "cacheable memory on a DIC host is mapped executable (user_mem_abort)");
        assertFalse(r.s2().dcacheClean());
        assertFalse(r.s2().icacheInval());
    }

    @Test
    void paMisalignedAt1GFallsTo2MBlocks() {
        List<Stage2Run> runs = mapBar(bar(64 * G1, PA + M2), T1, 64 * G1).runs();
        assertEquals(1, runs.size());
        assertEquals(M2, runs.get(0).s2().blockSize());
    }

    @Test
    void paMisalignedAt2MGivesPages() {
        List<Stage2Run> runs = mapBar(bar(G1, PA + K4), T1, G1).runs();
        assertEquals(1, runs.size());
        assertEquals(K4, runs.get(0).s2().blockSize());
        assertTrue(runs.get(0).reason().contains("PA - HVA"), runs.get(0).reason());
    }

    @Test
    void slotMisalignedAt1GButAlignedAt2MGives2MBlocks() {
        List<Stage2Run> runs = mapBar(bar(64 * G1, PA), T1 + M2, 64 * G1).runs();
        assertEquals(1, runs.size());
        assertEquals(M2, runs.get(0).s2().blockSize());
    }

    @Test
    void slotGpaAndHvaDifferingInsideAPageBlockGivePagesAndAWarning() {
        Stage2Mapper.Result res = mapBar(bar(64 * G1, PA), T1 + K4, 64 * G1);
        assertEquals(1, res.runs().size());
        assertEquals(K4, res.runs().get(0).s2().blockSize());
        assertTrue(has(res.findings(), "s2.block.misaligned"));
    }

    @Test
    void alignRoundsUpSoABlockOnTheBoundaryReachesPastTheVmaEnd() {
        // VMA [1G, 2.5G), slot HVA [1G, 3G): at HVA 2G, ALIGN(2G, 1G) == 2G <= vm_end, and the 1G block fits the slot.
        Vma v = Fx.pfnmap("bar", G1, G1 + G1 / 2, PA, MemType.MT_NORMAL);
        Stage2Mapper.Result res = Fx.map(Fx.arm(CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(v),
                Fx.slot(1, 4 * G1, 2 * G1, G1));
        List<Stage2Run> runs = res.runs();
        assertEquals(3, runs.size());
        assertEquals(4 * G1, runs.get(0).gpa());
        assertEquals(G1, runs.get(0).size());
        assertEquals("s2.pfnmap.cacheable", runs.get(0).rule().id());
        Stage2Run past = runs.get(1);
        assertEquals(5 * G1, past.gpa());
        assertEquals(G1 / 2, past.size());
        assertEquals(G1, past.s2().blockSize());
        assertEquals("s2.pfnmap.block-past-vma", past.rule().id());
        assertTrue(past.reason().contains("lowest page first"), past.reason());
        assertEquals(Stage2Run.Outcome.EFAULT, runs.get(2).outcome());
        assertNull(runs.get(2).vma());
        Finding warning = res.findings().stream().filter(f -> f.rule().id().equals("s2.pfnmap.block-past-vma")).findFirst().orElseThrow();
        assertTrue(warning.message().contains("0x140000000"), warning.message()); // GPA of the block: 5G
    }

    @Test
    void withoutRoomInTheSlotTheBoundaryWindowFallsTo2M() {
        Vma v = Fx.pfnmap("bar", G1, G1 + G1 / 2, PA, MemType.MT_NORMAL);
        Stage2Mapper.Result res = Fx.map(Fx.arm(CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(v),
                Fx.slot(1, 4 * G1, G1 + G1 / 2, G1));
        List<Stage2Run> runs = res.runs();
        assertEquals(2, runs.size(), "same entry, merged though the boundary window took another path");
        assertEquals(G1, runs.get(0).s2().blockSize());
        assertEquals(G1, runs.get(0).size());
        long rest = 0;
        for (Stage2Run r : runs.subList(1, runs.size())) {
            assertEquals(M2, r.s2().blockSize());
            rest += r.size();
        }
        assertEquals(G1 / 2, rest);
        assertFalse(has(res.findings(), "s2.pfnmap.block-past-vma"));
    }

    @Test
    void thpWithAnAlignedSlotGives2MBlocks() {
        Vma v = Fx.thp("ram", G1, G1);
        List<Stage2Run> runs = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 2 * G1, G1, G1));
        assertEquals(1, runs.size());
        assertEquals(M2, runs.get(0).s2().blockSize());
        assertTrue(runs.get(0).s2().dcacheClean(), "normal cacheable without FWB cleans to PoC");
        assertEquals(0b1111, runs.get(0).s2().memAttr());
        assertEquals("RW-", runs.get(0).s2().perms());
    }

    @Test
    void thpWithASlotMisalignedAt2MGivesPagesAndNamesTheOffsets() {
        Vma v = Fx.thp("ram", G1, G1);
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(v), Fx.slot(0, 2 * G1 + 0x1000, G1, G1));
        assertEquals(1, res.runs().size());
        assertEquals(K4, res.runs().get(0).s2().blockSize());
        Finding f = res.findings().stream().filter(x -> x.rule().id().equals("s2.block.misaligned")).findFirst().orElseThrow();
        assertTrue(f.message().contains("GPA offset 0x1000") && f.message().contains("HVA offset 0x0"), f.message());
    }

    @Test
    void hugetlb1GWithAnAlignedSlotGives1GBlocks() {
        Vma v = Fx.hugetlb("huge", 4 * G1, 4 * G1, G1);
        List<Stage2Run> runs = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 8 * G1, 4 * G1, 4 * G1));
        assertEquals(1, runs.size());
        assertEquals(G1, runs.get(0).s2().blockSize());
    }

    @Test
    void hugetlb1GWithASlotOffsetBy2MGives2MBlocksAndAWarning() {
        Vma v = Fx.hugetlb("huge", 4 * G1, 4 * G1, G1);
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(v), Fx.slot(0, 8 * G1 + M2, 4 * G1, 4 * G1));
        assertEquals(1, res.runs().size());
        assertEquals(M2, res.runs().get(0).s2().blockSize());
        assertTrue(has(res.findings(), "s2.block.misaligned"));
    }

    @Test
    void dirtyLoggingForcesPagesAndTheMapEndsWritable() {
        Vma v = Fx.thp("ram", G1, G1);
        Stage2Mapper.Result res = Fx.map(Fx.arm(), Fx.vm(), PolicyId.UPSTREAM, List.of(v),
                Fx.slot(0, 2 * G1, G1, G1, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES));
        Stage2Run r = res.runs().get(0);
        assertEquals(1, res.runs().size());
        assertEquals(K4, r.s2().blockSize());
        assertTrue(r.s2().write());
        assertTrue(r.reason().contains("dirty logging forces PAGE_SIZE"), r.reason());
        assertTrue(has(res.findings(), "s2.dirtylog.4k"));
    }

    @Test
    void readonlySlotShowsReadOnly() {
        Vma v = Fx.ram("rom", G1, M2);
        List<Stage2Run> runs = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 0, M2, G1, MemslotFlag.KVM_MEM_READONLY));
        assertEquals("R--", runs.get(0).s2().perms());
        assertTrue(runs.get(0).reason().contains("KVM_MEM_READONLY"));
    }

    @Test
    void aOneTebibyteSlotIsAHandfulOfRunsNotPages() {
        long size = 1L << 40;
        // THP VMA 4K short of the slot's end: the tail is a hole; the windows before it are still blocks.
        Vma v = Fx.thp("big", 1L << 40, size - K4);
        List<Stage2Run> runs = Fx.runs(Fx.arm(), List.of(v), Fx.slot(0, 1L << 41, size, 1L << 40));
        assertTrue(runs.size() <= 4, "runs: " + runs.size());
        assertEquals(M2, runs.get(0).s2().blockSize());
        assertEquals(Stage2Run.Outcome.EFAULT, runs.get(runs.size() - 1).outcome());
        long total = runs.stream().mapToLong(Stage2Run::size).sum();
        assertEquals(size, total);
    }

    @Test
    void granule16KUses32MAnd64GBlocks() {
        Vma v = Fx.pfnmap("bar", 128 * G1, 128 * G1, 0x100_0000_0000L, MemType.MT_NORMAL);
        List<Stage2Run> runs = Fx.map(Fx.arm(Granule.G16K, CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(v),
                Fx.slot(0, 128 * G1, 128 * G1, 128 * G1)).runs();
        assertEquals(1, runs.size());
        assertEquals(64 * G1, runs.get(0).s2().blockSize());
        List<Stage2Run> shifted = Fx.map(Fx.arm(Granule.G16K, CpuFeature.FWB, CpuFeature.DIC), Fx.vm(), PolicyId.UPSTREAM, List.of(v),
                Fx.slot(0, 128 * G1 + (32L << 20), 64 * G1, 128 * G1)).runs();
        assertEquals(32L << 20, shifted.get(0).s2().blockSize());
    }
}
