package org.stage2scope.engine;

/** Something a reviewer should read: an error KVM reports, a surprise, or a note. */
public record Finding(Severity severity, Rule rule, String message, Ref ref) {
    public Finding {
        ref = ref == null ? Ref.NONE : ref;
    }
}
