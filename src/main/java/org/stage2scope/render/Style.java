package org.stage2scope.render;

/**
 * What a band means, independent of any colour. Layout picks a Style from the engine's classes
 * (MemClass, Stage2Run.Outcome, AccessOutcome); the Theme turns a Style into a colour and a pattern.
 */
public enum Style {
    VMA_RAM("VMA (RAM)"),
    VMA_DEVICE("VMA (device)"),
    SLOT_OK("memslot"),
    SLOT_REFUSED("refused memslot call"),
    WRITE_BACK("Normal write-back"),
    WRITE_THROUGH("Normal write-through"),
    NON_CACHEABLE("Normal non-cacheable"),
    DEVICE("Device"),
    RESERVED("reserved / UNPREDICTABLE"),
    EFAULT("EFAULT (no mapping)"),
    SIGBUS("SIGBUS (poisoned)"),
    MIXED("several runs in one pixel"),
    ACCESS_OK("access mapped"),
    ACCESS_EXIT("access exits to VMM"),
    ACCESS_FAIL("access fails");

    private final String label;

    Style(String label) {
        this.label = label;
    }

    /** The legend's words for this style. */
    public String label() {
        return label;
    }

    /** Higher wins when several runs share one pixel: an error must never be hidden by a neighbour. */
    public int severity() {
        return switch (this) {
            case SIGBUS -> 9;
            case EFAULT -> 8;
            case RESERVED -> 7;
            case DEVICE -> 6;
            case NON_CACHEABLE -> 5;
            case WRITE_THROUGH -> 4;
            case WRITE_BACK -> 3;
            default -> 1;
        };
    }
}
