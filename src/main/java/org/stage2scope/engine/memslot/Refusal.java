package org.stage2scope.engine.memslot;

import org.stage2scope.engine.Errno;
import org.stage2scope.engine.Rule;

/** Why the kernel refused a memslot call: the errno it returns, the rule, and one paragraph for people. */
record Refusal(Errno errno, Rule rule, String explanation) {
    static Refusal einval(Rule rule, String explanation) {
        return new Refusal(Errno.EINVAL, rule, explanation);
    }
}
