package org.stage2scope.engine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value for people (an explanation, a finding's message, an access's trace) that the engine
 * builds only when it is read, from the decision data it already keeps.
 *
 * <p>Why: the words are most of an evaluation's memory (at 200,000 memslot calls and 160,000
 * accesses, about 90 % of it: 1.5 million strings), yet a report reads each once and the window only
 * the ones clicked. The value is built again on every read and never kept, so printing a report does
 * not pin the whole text in the heap either. A supplier must be pure: it captures only immutable
 * inputs (the scenario's records, the decision's results), so every read gives the same value.
 *
 * <p>Equality and hash code are the value's, so evaluations compare as they did when these were strings.
 */
public final class Lazy<T> {
    private final T value;
    private final Supplier<? extends T> later;

    private Lazy(T value, Supplier<? extends T> later) {
        this.value = value;
        this.later = later;
    }

    /** A value known up front (hand-built results, short fixed sentences). */
    public static <T> Lazy<T> of(T value) {
        return new Lazy<>(value, null);
    }

    /** A value built by {@code later} on every read. */
    public static <T> Lazy<T> later(Supplier<? extends T> later) {
        return new Lazy<>(null, Objects.requireNonNull(later));
    }

    public T get() {
        return later == null ? value : later.get();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lazy<?> l && Objects.equals(get(), l.get());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(get());
    }

    @Override
    public String toString() {
        return String.valueOf(get());
    }
}
