package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.io.SampleCatalog;

class CompareReportTest {
    private static final List<Evaluation> BOTH = List.of(ReportFixtures.pre617(), ReportFixtures.upstream());

    @Test
    void textMarksRowsAndCellsThatDifferFromUpstream() {
        String text = CompareReport.text(BOTH);
        assertTrue(text.contains("""
                Memslot calls
                     #  slot  gpa                 size  label  pre-6.17  upstream
                     0  2     0x8000000000        1G    GPU    ok        ok
                  *  1  3     0xffffffffc0000000  1G           EINVAL *  ok
                """), text);
        assertTrue(text.contains("""
                Guest accesses
                     #  gpa           kind  guest stage 1      label  pre-6.17          upstream
                  *  0  0x8000000000  exec  0x04 Device-nGnRE  fetch  abort-injected *  Normal-WB -> Normal-WB
                """), text);
    }

    @Test
    void stage2RowsSplitAtEveryPolicysBoundariesAndMergeEqualNeighbours() {
        // pre-6.17 has two 512M runs with the same cell; upstream one 1G run: one merged row.
        String text = CompareReport.text(BOTH);
        assertTrue(text.contains("""
                Stage-2 map
                     gpa start           gpa end              size  guest stage 1      pre-6.17                           upstream
                  *  0x8000000000        0x8040000000         1G    0x04 Device-nGnRE  Device-nGnRE 1G -> Device-nGnRE *  Normal-WB 1G -> Normal-WB
                  *  0xffffffffc0000000  0x10000000000000000  1G    -                  - *                                EFAULT
                """), text);
    }

    @Test
    void jsonHasOneEntryPerPolicyAndDiffersFlags() {
        String json = CompareReport.json(BOTH);
        assertTrue(json.startsWith("""
                {
                  "format": "stage2scope-compare/2",
                  "scenario": "tiny",
                  "arch": "arm64",
                  "note": null,
                  "policies": ["pre-6.17", "upstream"],
                """), json);
        assertTrue(json.contains("""
                        "pre-6.17": {
                          "outcome": "none",
                          "slot": null,
                          "type": null,
                          "block": null,
                          "effective": null
                        },
                """), json);
        assertEquals(4, json.split("\"differs\": true", -1).length - 1, json);
        assertEquals(1, json.split("\"differs\": false", -1).length - 1, json);
    }

    @Test
    void jsonCarriesTheGuestsStage1AndEachPolicysEffectiveType() {
        String json = CompareReport.json(BOTH);
        // FWB makes the guest's Device-nGnRE mapping of cacheable GPU memory write-back under upstream.
        assertTrue(json.contains("""
                      "stage1": {
                        "attr": "0x04",
                        "name": "Device-nGnRE",
                        "assumed": false
                      },
                """), json);
        assertTrue(json.contains("""
                        "upstream": {
                          "outcome": "mapped",
                          "slot": 2,
                          "type": "Normal-WB",
                          "block": "1G",
                          "effective": {
                            "result": "0xff",
                            "name": "Normal-WB",
                            "class": "WRITE_BACK",
                            "rule": "memtype.fwb.force-wb"
                          }
                        }
                """), json);
        assertTrue(json.contains("""
                        "pre-6.17": {
                          "outcome": "abort-injected",
                          "type": null,
                          "rule": "s2.exec.noncacheable",
                          "effective": null
                        },
                """), json);
    }

    @Test
    void stage2RowsSplitWhereTheGuestsStage1AttributeChanges() throws Exception {
        // Grace Hopper: the guest maps the last 1G of the 95G usemem slot Device-nGnRE, the rest 0xff.
        java.util.List<CompareReport.Row> rows = CompareReport.stage2Rows(
                org.stage2scope.engine.Evaluator.compareAll(SampleCatalog.load("grace-hopper-fwb.json")));
        CompareReport.Row dev = rows.stream().filter(r -> r.key()[0].equals("0x9780000000")).findFirst().orElseThrow();
        assertEquals("0x97c0000000", dev.key()[1]);
        assertEquals("0x04 Device-nGnRE", dev.key()[3]);
        assertEquals("Normal-WB 1G -> Normal-WB", dev.cells().get(1), "upstream with FWB: S1 Device over S2 force-WB");
        assertEquals("Device-nGnRE 1G -> Device-nGnRE", dev.cells().get(0), "pre-6.17 forces Device");
    }

    @Test
    void x86ComparesWhatVariesThereAndSaysSoOnce() throws Exception {
        String text = CompareReport.text(org.stage2scope.engine.Comparison.of(SampleCatalog.load("x86-intel-quirk.json")));
        assertEquals(1, text.split("every proposal reduces", -1).length - 1, text);
        assertTrue(text.contains("marks a result that differs from intel-quirk (this scenario)"), text);
        assertTrue(text.contains("intel-quirk       intel-no-quirk  intel-noncoherent-dma  amd"), text);
        // The guest's WC framebuffer in RAM: IPAT hides the guest PAT under the quirk only.
        assertTrue(text.contains("WC             WB+IPAT 2M -> WB  WB 2M -> WC *   WB 2M -> WC *          WB 2M -> WC *"), text);
    }

    @Test
    void evaluationsOfDifferentScenariosAreRefused() {
        Evaluation other = new Evaluation(ReportFixtures.scenario().withMemslots(List.of()), ReportFixtures.upstream().policy(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> CompareReport.text(List.of(ReportFixtures.upstream(), other)));
    }

    @Test
    void everyPossibleSlotUnderFivePoliciesGivesOneStage2RowEach() {
        List<org.stage2scope.engine.Stage2Run> runs = new java.util.ArrayList<>();
        for (int i = 32766; i >= 0; i--) { // unsorted on purpose
            runs.add(new org.stage2scope.engine.Stage2Run(0x40000000L + (long) i * (2 << 20), 2 << 20, i, 0, "ram",
                    org.stage2scope.engine.Stage2Run.Outcome.MAPPED, ReportFixtures.S2_CACHEABLE, "r",
                    i % 2 == 0 ? ReportFixtures.wb1g() : null));
        }
        List<Evaluation> five = new java.util.ArrayList<>();
        for (org.stage2scope.model.PolicyId p : org.stage2scope.model.PolicyId.values()) {
            five.add(new Evaluation(ReportFixtures.scenario(), p, List.of(), runs, List.of(), List.of(), List.of()));
        }
        String json = CompareReport.json(five);
        // 32767 stage-2 rows (different slots never merge) + 2 memslot calls + 1 access, none differing.
        assertEquals(32770, json.split("\"differs\": false", -1).length - 1);
        assertEquals(32767, CompareReport.stage2Rows(five).size());
    }
}
