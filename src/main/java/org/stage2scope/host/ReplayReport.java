package org.stage2scope.host;

import java.util.List;

/**
 * The result of replaying a scenario's memslot calls on the running kernel.
 *
 * @param release  uname -r of the kernel that answered
 * @param blocker  why nothing could be replayed (no /dev/kvm, another architecture), null when it ran
 * @param notes    sentences the reader must know: translated HVAs, stand-ins, assumptions
 * @param calls    one verdict per call, in scenario order
 */
public record ReplayReport(String scenario, String release, String blocker, List<String> notes, List<CallVerdict> calls) {
    /** Every reproducible call agreed. */
    public static final int EXIT_AGREE = 0;
    /** At least one call disagreed. */
    public static final int EXIT_DISAGREE = 3;
    /** Nothing could be replayed here; the kselftest convention for a skipped test (KSFT_SKIP). */
    public static final int EXIT_SKIPPED = 4;

    public ReplayReport {
        notes = List.copyOf(notes);
        calls = List.copyOf(calls);
    }

    public long issued() {
        return calls.stream().filter(CallVerdict::wasIssued).count();
    }

    public long agreed() {
        return calls.stream().filter(CallVerdict::agrees).count();
    }

    public long disagreed() {
        return issued() - agreed();
    }

    /**
     * Why nothing ran, in words that follow "could not run: " ("/dev/kvm: no such file ..."); null when
     * the replay ran.
     */
    public String whyNothingRan() {
        if (blocker == null) {
            return null;
        }
        return blocker.startsWith(Replay.NOTHING_REPLAYED) ? blocker.substring(Replay.NOTHING_REPLAYED.length()) : blocker;
    }

    public int exitCode() {
        if (blocker != null) {
            return EXIT_SKIPPED;
        }
        return disagreed() > 0 ? EXIT_DISAGREE : EXIT_AGREE;
    }
}
