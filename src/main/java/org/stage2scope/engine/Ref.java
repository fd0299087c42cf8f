package org.stage2scope.engine;

/** What a finding is about, so a view can select it. */
public sealed interface Ref {
    record None() implements Ref {}

    record Vma(int index) implements Ref {}

    record MemslotCall(int index) implements Ref {}

    record GpaRange(long gpa, long size) implements Ref {}

    record Access(int index) implements Ref {}

    Ref NONE = new None();
}
