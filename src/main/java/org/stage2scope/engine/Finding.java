package org.stage2scope.engine;

/**
 * Something a reviewer should read: an error KVM reports, a surprise, or a note.
 *
 * @param text the message, built when read ({@link #message()}): most repeat an explanation
 */
public record Finding(Severity severity, Rule rule, Lazy<String> text, Ref ref) {
    public Finding {
        ref = ref == null ? Ref.NONE : ref;
    }

    public Finding(Severity severity, Rule rule, String message, Ref ref) {
        this(severity, rule, Lazy.of(message), ref);
    }

    public String message() {
        return text.get();
    }
}
