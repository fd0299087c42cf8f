package org.stage2scope.model;

/** A GPA range the guest maps, at stage 1, with one memory attribute. */
public record Stage1Range(long gpa, long size, Stage1Attr attr) {
    public Stage1Range {
        if (size == 0) {
            throw new IllegalArgumentException("a stage-1 range cannot be empty");
        }
        if (!U64.fits(gpa, size)) {
            throw new IllegalArgumentException("stage-1 range " + U64.hex(gpa) + " + " + U64.hex(size) + " wraps past 2^64");
        }
        if (attr == null) {
            throw new IllegalArgumentException("a stage-1 range needs an attribute");
        }
    }
}
