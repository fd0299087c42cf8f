package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.MemType;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vma;

class MaxSlotsReplayTest {
    static final long SIZE = 2L << 20;
    static final long HVA = 0x7f0000000000L;

    @Test
    void maxSlotsOverAsManyShuffledVmasAllSucceedInGpaOrder() {
        Fixture f = Fixture.arm64().fwbDic();
        int n = 32767;
        for (int i = 0; i < n; i++) {
            // every VMA separated by a 4K hole so none merges; every eighth is a PFNMAP BAR
            long start = HVA + i * (SIZE + 0x1000);
            if (i % 8 == 0) {
                f.pfnmap("bar" + i, start, SIZE, MemType.MT_NORMAL);
            } else {
                f.ram("ram" + i, start, SIZE);
            }
            f.slot(i, i * SIZE, SIZE, start);
        }
        Scenario s = f.scenario();
        List<Vma> shuffled = new ArrayList<>(s.vmas());
        Collections.shuffle(shuffled, new Random(7));
        Scenario scenario = s.withVmas(shuffled);
        // Speed is measured by the JMH benchmark (bench/run.sh, docs/performance.md); this test pins the outcome.
        SlotTable t = MemslotValidator.replay(scenario, Policy.of(PolicyId.UPSTREAM));
        assertEquals(n, t.active().size());
        assertTrue(t.results().stream().allMatch(r -> r.ok()));
        assertEquals(0L, t.active().get(0).gpa());
        assertEquals((n - 1) * SIZE, t.active().get(n - 1).gpa());
    }
}
