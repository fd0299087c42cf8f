package org.stage2scope.engine;

import java.util.List;
import org.stage2scope.model.GuestAccess;

/**
 * One simulated guest access.
 *
 * @param s2   the entry installed, or null when none is
 * @param told the explanation and the trace, built when read ({@link #explanation()}, {@link #trace()})
 */
public record AccessResult(int index, GuestAccess access, AccessOutcome outcome, Stage2Entry s2, Rule rule, Lazy<Told> told) {

    /**
     * What the simulation says about the access.
     *
     * @param explanation one line: the steps that decided, naming kernel functions
     * @param trace       the decision path, one line per step, in the order user_mem_abort takes them
     */
    public record Told(String explanation, List<String> trace) {
        public Told {
            trace = List.copyOf(trace);
        }
    }

    /** A result with its words written out (hand-built results). */
    public AccessResult(int index, GuestAccess access, AccessOutcome outcome, Stage2Entry s2, Rule rule, String explanation,
                        List<String> trace) {
        this(index, access, outcome, s2, rule, Lazy.of(new Told(explanation, trace)));
    }

    public String explanation() {
        return told.get().explanation();
    }

    public List<String> trace() {
        return told.get().trace();
    }
}
