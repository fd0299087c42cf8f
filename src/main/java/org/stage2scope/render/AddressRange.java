package org.stage2scope.render;

import org.stage2scope.model.U64;

/**
 * An inclusive range of addresses typed by a user: {@code START-END} with END the last byte (as
 * /proc/iomem prints ranges), or {@code START+SIZE} ("0x40000000+2M"). At least {@link #MIN_SIZE}
 * bytes, inside the 64-bit address space.
 */
public record AddressRange(long first, long last) {

    /**
     * The narrowest range worth a picture: one 4 KiB page, the smallest a stage-2 maps. Narrower, the
     * 1454 px plot would draw fractions of a byte per pixel ("100 px = 0.0084 B"), and "0x1000-0x1000"
     * is more often meant as empty than as the one byte it names.
     */
    public static final long MIN_SIZE = 4096;

    /** @throws IllegalArgumentException with one sentence saying what was expected */
    public static AddressRange parse(String text) {
        String t = text.strip();
        int plus = t.indexOf('+', 1);
        int dash = t.indexOf('-', 1);
        String q = "\"" + text + "\"";
        try {
            if (plus > 0) {
                long first = U64.parseAddress(t.substring(0, plus));
                long size = U64.parseSize(t.substring(plus + 1));
                if (size == 0) {
                    throw new IllegalArgumentException(q + ": the range is empty; expected a SIZE of at least 4 KiB, such as "
                            + U64.hex(U64.fits(first, MIN_SIZE) ? first : -MIN_SIZE) + "+4K");
                }
                if (!U64.fits(first, size)) {
                    throw new IllegalArgumentException(q + ": the range runs past 2^64, the top of the 64-bit address space;"
                            + " expected START+SIZE to end at or below 2^64");
                }
                return checked(q, first, U64.last(first, size), false);
            }
            if (dash > 0) {
                long first = U64.parseAddress(t.substring(0, dash));
                long last = U64.parseAddress(t.substring(dash + 1));
                if (U64.lt(last, first)) {
                    throw new IllegalArgumentException(q + ": END is below START; expected START-END with END the last byte,"
                            + " such as " + U64.hex(last) + "-" + U64.hex(first));
                }
                return checked(q, first, last, true);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(q + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(q + ": expected START-END (END is the last byte) or START+SIZE,"
                + " such as 0x40000000-0x7fffffff or 0x40000000+1G");
    }

    private static AddressRange checked(String q, long first, long last, boolean dashed) {
        long size = last - first + 1; // 0 only for the whole 2^64 space
        if (size != 0 && U64.lt(size, MIN_SIZE)) {
            String what = size == 1 ? "is one byte" + (dashed ? " (END is the last byte, not the end)" : "")
                    : "is " + Long.toUnsignedString(size) + " bytes";
            long at = U64.fits(first, MIN_SIZE) ? first : -MIN_SIZE; // an example that does not run past 2^64
            throw new IllegalArgumentException(q + " " + what + "; expected at least 4 KiB (one page), such as "
                    + U64.hex(at) + "-" + U64.hex(at + MIN_SIZE - 1) + " or " + U64.hex(at) + "+4K");
        }
        return new AddressRange(first, last);
    }
}
