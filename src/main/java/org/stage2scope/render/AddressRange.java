package org.stage2scope.render;

import org.stage2scope.model.U64;

/**
 * An inclusive range of addresses typed by a user: {@code START-END} with END the last byte (as
 * /proc/iomem prints ranges), or {@code START+SIZE} ("0x40000000+2M").
 */
public record AddressRange(long first, long last) {

    /** @throws IllegalArgumentException with one sentence saying what was expected */
    public static AddressRange parse(String text) {
        String t = text.strip();
        int plus = t.indexOf('+', 1);
        int dash = t.indexOf('-', 1);
        try {
            if (plus > 0) {
                long first = U64.parseAddress(t.substring(0, plus));
                long size = U64.parseSize(t.substring(plus + 1));
                if (size == 0 || !U64.fits(first, size)) {
                    throw new IllegalArgumentException("\"" + text + "\": the size must be at least 1 byte and end by 2^64");
                }
                return new AddressRange(first, U64.last(first, size));
            }
            if (dash > 0) {
                long first = U64.parseAddress(t.substring(0, dash));
                long last = U64.parseAddress(t.substring(dash + 1));
                if (U64.lt(last, first)) {
                    throw new IllegalArgumentException("\"" + text + "\": END is below START");
                }
                return new AddressRange(first, last);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage());
        }
        throw new IllegalArgumentException("\"" + text + "\": expected START-END (END is the last byte) or START+SIZE,"
                + " such as 0x40000000-0x7fffffff or 0x40000000+1G");
    }
}
