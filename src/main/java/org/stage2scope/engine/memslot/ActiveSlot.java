package org.stage2scope.engine.memslot;

import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;

/**
 * A memslot as it exists after the scenario's calls ran: the last accepted call that created,
 * moved or re-flagged it.
 *
 * @param callIndex index of that call in the scenario's memslot list
 */
public record ActiveSlot(int callIndex, MemslotCall call) {
    public int slot() {
        return call.slot();
    }

    public int addressSpace() {
        return call.addressSpace();
    }

    public long gpa() {
        return call.gpa();
    }

    public long size() {
        return call.size();
    }

    public long hva() {
        return call.hva();
    }

    public boolean has(MemslotFlag flag) {
        return call.has(flag);
    }
}
