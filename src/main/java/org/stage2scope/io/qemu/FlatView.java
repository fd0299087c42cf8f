package org.stage2scope.io.qemu;

import java.util.List;

/**
 * One "FlatView #N" block: the address spaces sharing it and its ranges in address order.
 *
 * @param capture which "info mtree -f" output of the transcript holds it, from 1 (numbering restarts at #0)
 * @param skipped every line of the block that is neither understood nor a known header, as
 *                "LINE: why", so nothing in a flat view is dropped without a word
 */
public record FlatView(int line, int number, List<String> addressSpaces, List<FlatRange> ranges, int capture,
                       List<String> skipped) {
    public FlatView {
        addressSpaces = List.copyOf(addressSpaces);
        ranges = List.copyOf(ranges);
        skipped = List.copyOf(skipped);
    }

    public FlatView(int line, int number, List<String> addressSpaces, List<FlatRange> ranges) {
        this(line, number, addressSpaces, ranges, 1, List.of());
    }
}
