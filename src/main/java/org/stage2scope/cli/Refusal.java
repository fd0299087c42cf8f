package org.stage2scope.cli;

/**
 * Input or output the command cannot use: {@link #getMessage()} is one located sentence
 * ({@code file:line:column: what is wrong; expected ...}, or {@code path: cannot write: disk full})
 * that {@link Cli} prints alone, with exit code 2. Never shown with a stack trace.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String locatedSentence) {
        super(locatedSentence, null, false, false);
    }
}
