package org.stage2scope.engine.memslot;

import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Scenario;

/** Scaffold with the pinned signature; replaced by the memslot replay (issue 3). */
public final class MemslotValidator {
    private MemslotValidator() {}

    /** Replays the scenario's memslot ioctls in order, each judged against the slots existing at that moment. */
    public static SlotTable replay(Scenario scenario, Policy policy) {
        throw new UnsupportedOperationException("scaffold: memslot replay not built yet");
    }
}
