package org.stage2scope.engine;

import org.stage2scope.model.MemslotCall;

/**
 * The kernel's answer to one memslot ioctl.
 *
 * @param index position of the call in the scenario's memslot list
 * @param errno null when the call succeeded
 * @param why   the explanation, built when read ({@link #explanation()})
 */
public record MemslotResult(int index, MemslotCall call, ChangeKind change, Errno errno, Rule rule, Lazy<String> why) {

    /** A result with its explanation written out (hand-built results). */
    public MemslotResult(int index, MemslotCall call, ChangeKind change, Errno errno, Rule rule, String explanation) {
        this(index, call, change, errno, rule, Lazy.of(explanation));
    }

    /** One paragraph naming the kernel function that decided. */
    public String explanation() {
        return why.get();
    }

    public boolean ok() {
        return errno == null;
    }

    /** "ok" or the errno's name, as reports print it. */
    public String resultName() {
        return errno == null ? "ok" : errno.name();
    }
}
