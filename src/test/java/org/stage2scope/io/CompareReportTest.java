package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluation;

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
                     #  gpa           kind  label  pre-6.17          upstream
                  *  0  0x8000000000  exec  fetch  abort-injected *  mapped Normal-WB
                """), text);
    }

    @Test
    void stage2RowsSplitAtEveryPolicysBoundariesAndMergeEqualNeighbours() {
        // pre-6.17 has two 512M runs with the same cell; upstream one 1G run: one merged row.
        String text = CompareReport.text(BOTH);
        assertTrue(text.contains("""
                Stage-2 map
                     gpa start           gpa end              size  pre-6.17           upstream
                  *  0x8000000000        0x8040000000         1G    Device-nGnRE 1G *  Normal-WB 1G
                  *  0xffffffffc0000000  0x10000000000000000  1G    - *                EFAULT
                """), text);
    }

    @Test
    void jsonHasOneEntryPerPolicyAndDiffersFlags() {
        String json = CompareReport.json(BOTH);
        assertTrue(json.startsWith("""
                {
                  "format": "stage2scope-compare/1",
                  "scenario": "tiny",
                  "policies": ["pre-6.17", "upstream"],
                  "memslotCalls": [
                """), json);
        assertTrue(json.contains("""
                        "pre-6.17": {
                          "outcome": "none",
                          "slot": null,
                          "type": null,
                          "block": null
                        },
                """), json);
        assertEquals(4, json.split("\"differs\": true", -1).length - 1, json);
        assertEquals(1, json.split("\"differs\": false", -1).length - 1, json);
    }

    @Test
    void evaluationsOfDifferentScenariosAreRefused() {
        Evaluation other = new Evaluation(ReportFixtures.scenario().withMemslots(List.of()), ReportFixtures.upstream().policy(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> CompareReport.text(List.of(ReportFixtures.upstream(), other)));
    }

    @Test
    void comparingFivePoliciesOverEveryPossibleSlotIsFast() {
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
