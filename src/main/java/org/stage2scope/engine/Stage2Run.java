package org.stage2scope.engine;

/**
 * A GPA interval of one accepted memslot with one stage-2 outcome, as if the guest read and wrote
 * every page of it (no exec).
 *
 * @param vma    name of the VMA behind the interval, or null for a hole in the HVA space
 * @param s2     the entry KVM installs; null unless {@code outcome == MAPPED}
 * @param reason one line: why this outcome (names the kernel function)
 */
public record Stage2Run(long gpa, long size, int slot, int addressSpace, String vma, Outcome outcome, Rule rule,
                        String reason, Stage2Entry s2) {

    public enum Outcome {
        MAPPED, EFAULT, SIGBUS;

        public String id() {
            return this == MAPPED ? "mapped" : name();
        }
    }

    /** Exclusive end; 0 when the run ends exactly at 2^64. */
    public long end() {
        return gpa + size;
    }
}
