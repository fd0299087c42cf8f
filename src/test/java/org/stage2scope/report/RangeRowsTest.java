package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

class RangeRowsTest {

    static Evaluation sample(String file) throws Exception {
        return Evaluator.evaluate(SampleCatalog.load(file));
    }

    private static BigInteger u(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Test
    void usememIsCutWhereTheGuestMapsPartOfItDevice() throws Exception {
        List<RangeRow> rows = RangeRows.of(sample("grace-hopper-fwb.json"));
        List<String> starts = rows.stream().map(RangeColumns.GPA_START::cell).toList();
        assertEquals(List.of("0x0", "0x40000000", "0x8000000000", "0x9780000000", "0xa000000000"), starts);
        RangeRow deviceMapped = rows.get(3);
        assertEquals("0x04", RangeColumns.STAGE1.cell(deviceMapped));
        assertEquals("Normal-WB", RangeColumns.EFFECTIVE.cell(deviceMapped));
        assertEquals("PFNMAP|IO", RangeColumns.VMA_FLAGS.cell(deviceMapped));
        assertEquals("MT_NORMAL", RangeColumns.PGPROT.cell(deviceMapped));
        assertEquals("1G", RangeColumns.BLOCK.cell(deviceMapped));
        assertEquals("s2.pfnmap.cacheable", RangeColumns.RULE.cell(deviceMapped));
        assertTrue(deviceMapped.finding(), "the FWB note points at this range");
        assertFalse(rows.get(1).finding());
        RangeRow resmem = rows.get(4);
        assertEquals("PFNMAP|IO|ALLOW_ANY_UNCACHED", RangeColumns.VMA_FLAGS.cell(resmem));
        assertEquals("Normal-NC", RangeColumns.STAGE2.cell(resmem));
        assertTrue(resmem.deviceMemory());
        assertFalse(rows.get(1).deviceMemory(), "guest RAM");
    }

    @Test
    void aRefusedSlotIsARowWithItsErrnoAndRule() throws Exception {
        List<RangeRow> rows = RangeRows.of(sample("grace-hopper-no-fwb.json"));
        RangeRow usemem = rows.stream().filter(r -> r.kind() == RangeRow.Kind.REFUSED).findFirst().orElseThrow();
        assertEquals("0x8000000000", RangeColumns.GPA_START.cell(usemem));
        assertEquals("0x97c0000000", RangeColumns.GPA_END.cell(usemem));
        assertEquals("refused EINVAL", RangeColumns.OUTCOME.cell(usemem));
        assertEquals("arm64.prepare.pfnmap.policy", RangeColumns.RULE.cell(usemem));
        assertEquals("-", RangeColumns.STAGE2.cell(usemem));
        assertEquals("nvgrace-gpu usemem (/dev/vfio/devices/vfio0, BAR4)", RangeColumns.VMA.cell(usemem));
        assertEquals("D-cache clean+inval to PoC", RangeColumns.CACHE.cell(rows.get(0)));
        assertEquals(2, usemem.memslotCall());
    }

    @Test
    void everyRefusedCallWithARangeHasOneRow() throws Exception {
        Evaluation ev = sample("memslot-overlap-misaligned.json");
        long refusedWithRange = ev.memslotCalls().stream().filter(r -> !r.ok() && r.call().size() != 0).count();
        List<RangeRow> refused = RangeRows.of(ev).stream().filter(r -> r.kind() == RangeRow.Kind.REFUSED).toList();
        assertEquals(refusedWithRange, refused.size());
        assertTrue(refusedWithRange >= 5);
        // The range that wraps past 2^64 keeps its true end rather than wrapping to a small number.
        for (RangeRow r : refused) {
            assertTrue(r.endExclusive().compareTo(u(r.gpa())) > 0, RangeColumns.GPA_START.cell(r));
            MemslotResult m = ev.memslotCalls().get(r.memslotCall());
            assertEquals(m.resultName(), r.refusal());
        }
    }

    /** For every sample: the mapped rows tile each stage-2 run exactly, and each lies inside the effective run it names. */
    @Test
    void rowsTileTheStage2MapAndStayInsideTheirEffectiveRun() throws Exception {
        for (Sample s : SampleCatalog.list()) {
            Evaluation ev = sample(s.fileName());
            List<RangeRow> rows = RangeRows.of(ev);
            for (Stage2Run run : ev.stage2()) {
                BigInteger start = u(run.gpa());
                BigInteger end = start.add(u(run.size()));
                BigInteger covered = BigInteger.ZERO;
                for (RangeRow r : rows) {
                    if (r.kind() != RangeRow.Kind.REFUSED && r.addressSpace() == run.addressSpace()
                            && u(r.gpa()).compareTo(start) >= 0 && r.endExclusive().compareTo(end) <= 0) {
                        covered = covered.add(u(r.size()));
                        assertEquals(run.s2(), r.s2(), s.fileName());
                        assertEquals(run.rule(), r.rule(), s.fileName());
                    }
                }
                assertEquals(u(run.size()), covered, s.fileName() + " run at " + Long.toHexString(run.gpa()));
            }
            for (RangeRow r : rows) {
                if (r.kind() == RangeRow.Kind.MAPPED && r.addressSpace() == 0) {
                    EffectiveRun e = r.effective();
                    assertNotNull(e, s.fileName() + " " + RangeColumns.GPA_START.cell(r));
                    assertTrue(u(e.gpa()).compareTo(u(r.gpa())) <= 0 && u(e.gpa()).add(u(e.size())).compareTo(r.endExclusive()) >= 0,
                            s.fileName() + " " + RangeColumns.GPA_START.cell(r));
                }
            }
        }
    }

    @Test
    void x86RowsShowTheIpatBitInsteadOfMemAttr() throws Exception {
        Evaluation ev = sample("x86-intel-quirk.json");
        Table<RangeRow> t = RangeColumns.table(ev);
        assertTrue(t.headers().contains("ipat"));
        assertFalse(t.headers().contains("MemAttr"));
        assertTrue(t.cells().stream().anyMatch(r -> r.get(t.headers().indexOf("ipat")).equals("1")));
    }

    @Test
    void columnsSortAddressesAsUnsignedNumbersNotText() throws Exception {
        List<RangeRow> rows = new java.util.ArrayList<>(RangeRows.of(sample("memslot-overlap-misaligned.json")));
        rows.sort(RangeColumns.GPA_START.order());
        List<String> starts = rows.stream().map(RangeColumns.GPA_START::cell).toList();
        // 0x100000000 sorts after 0xa0000000 numerically, before it as text.
        assertTrue(starts.indexOf("0xa0000000") < starts.indexOf("0x100000000"), starts.toString());
        assertEquals("0xfffffffffff00000", starts.get(starts.size() - 1));
    }
}
