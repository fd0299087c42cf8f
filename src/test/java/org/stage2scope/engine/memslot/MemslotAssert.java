package org.stage2scope.engine.memslot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.MemslotResult;

/** One-line assertions on replay results. */
final class MemslotAssert {
    private MemslotAssert() {}

    static void assertResult(SlotTable t, int index, ChangeKind change, Errno errno, String ruleId) {
        MemslotResult r = t.results().get(index);
        String where = "call #" + index + ": " + r.explanation();
        assertEquals(ruleId, r.rule().id(), where);
        assertEquals(errno, r.errno(), where);
        assertEquals(change, r.change(), where);
    }

    /** The standing slots as "as:id@gpa" in table order. */
    static void assertActive(SlotTable t, String... expected) {
        List<String> got = t.active().stream()
                .map(s -> s.addressSpace() + ":" + s.slot() + "@0x" + Long.toHexString(s.gpa()))
                .toList();
        assertEquals(List.of(expected), got);
    }
}
