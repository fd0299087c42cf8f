package org.stage2scope.io.qemu;

import java.util.List;

/** One "FlatView #N" block: the address spaces sharing it and its ranges in address order. */
public record FlatView(int line, int number, List<String> addressSpaces, List<FlatRange> ranges) {
    public FlatView {
        addressSpaces = List.copyOf(addressSpaces);
        ranges = List.copyOf(ranges);
    }
}
