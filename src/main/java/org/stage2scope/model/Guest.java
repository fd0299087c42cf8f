package org.stage2scope.model;

import java.util.List;

/** What the guest does: its stage-1 attributes per GPA range and the accesses to simulate. */
public record Guest(List<Stage1Range> stage1, List<GuestAccess> accesses) {
    public static final Guest EMPTY = new Guest(List.of(), List.of());

    public Guest {
        stage1 = List.copyOf(stage1);
        accesses = List.copyOf(accesses);
    }
}
