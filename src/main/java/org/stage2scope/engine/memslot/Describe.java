package org.stage2scope.engine.memslot;

import java.util.Set;
import java.util.StringJoiner;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.U64;

/** Wording shared by the explanations: how a call and its flags read in a report. */
final class Describe {
    private Describe() {}

    static String call(MemslotCall c) {
        return c.displayName() + " (GPA " + U64.hex(c.gpa()) + ", " + U64.human(c.size()) + ", HVA " + U64.hex(c.hva()) + ")";
    }

    static String range(long start, long size) {
        return "[" + U64.hex(start) + ", " + U64.hex(start + size) + ")";
    }

    static String flags(Set<MemslotFlag> flags) {
        if (flags.isEmpty()) {
            return "no flags";
        }
        StringJoiner j = new StringJoiner("|");
        for (MemslotFlag f : MemslotFlag.values()) {
            if (flags.contains(f)) {
                j.add(f.name());
            }
        }
        return j.toString();
    }
}
