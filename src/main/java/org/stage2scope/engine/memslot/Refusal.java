package org.stage2scope.engine.memslot;

import java.util.function.Supplier;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Lazy;
import org.stage2scope.engine.Rule;

/**
 * Why the kernel refused a memslot call: the errno it returns, the rule, and one paragraph for people,
 * written when read (the supplier captures only the call and the values the check compared).
 */
record Refusal(Errno errno, Rule rule, Lazy<String> why) {
    Refusal(Errno errno, Rule rule, Supplier<String> explanation) {
        this(errno, rule, Lazy.later(explanation));
    }

    static Refusal einval(Rule rule, Supplier<String> explanation) {
        return new Refusal(Errno.EINVAL, rule, explanation);
    }
}
