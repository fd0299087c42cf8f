package org.stage2scope.host;

import java.util.StringJoiner;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;

/** A call's memslot flags as one short word list ("READONLY|GUEST_MEMFD", "-"). */
final class Flags {
    private Flags() {}

    static String names(MemslotCall c) {
        StringJoiner j = new StringJoiner("|");
        for (MemslotFlag f : MemslotFlag.values()) {
            if (c.has(f)) {
                j.add(f.name().substring("KVM_MEM_".length()));
            }
        }
        return j.length() == 0 ? "-" : j.toString();
    }
}
