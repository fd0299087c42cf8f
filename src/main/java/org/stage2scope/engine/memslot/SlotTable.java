package org.stage2scope.engine.memslot;

import java.util.List;
import org.stage2scope.engine.MemslotResult;

/** The result of replaying a scenario's memslot ioctls: one result per call, and the slots left standing. */
public record SlotTable(List<MemslotResult> results, List<ActiveSlot> active) {
    public SlotTable {
        results = List.copyOf(results);
        active = List.copyOf(active);
    }
}
