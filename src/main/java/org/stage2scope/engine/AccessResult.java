package org.stage2scope.engine;

import java.util.List;
import org.stage2scope.model.GuestAccess;

/**
 * One simulated guest access.
 *
 * @param s2    the entry installed, or null when none is
 * @param trace the decision path, one line per step, in the order user_mem_abort takes them
 */
public record AccessResult(int index, GuestAccess access, AccessOutcome outcome, Stage2Entry s2, Rule rule,
                           String explanation, List<String> trace) {
    public AccessResult {
        trace = List.copyOf(trace);
    }
}
