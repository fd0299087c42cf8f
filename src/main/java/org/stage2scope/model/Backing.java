package org.stage2scope.model;

import java.util.List;

/**
 * What lies behind a VMA's pages.
 *
 * @param kind       system RAM (in the kernel's linear map, {@code pfn_is_map_memory}) or device memory
 * @param pa         physical address behind the VMA's first byte, or null when unknown; the engine
 *                   then assumes the PA shares the HVA's offset inside every block and says so
 * @param pageSize   the size of the pages backing it (hugetlb page size, or the base page size)
 * @param thp        transparent huge pages back the VMA where alignment allows
 * @param poisoned   HVAs of hardware-poisoned pages (a fault on them sends SIGBUS to the VMM)
 */
public record Backing(Kind kind, Long pa, long pageSize, boolean thp, List<Long> poisoned) {

    public enum Kind implements Named {
        RAM("ram"),
        DEVICE("device");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    public Backing {
        if (kind == null) {
            throw new IllegalArgumentException("backing kind is required");
        }
        if (pageSize == 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("backing page size must be a power of two, got " + U64.hex(pageSize));
        }
        poisoned = poisoned == null ? List.of() : List.copyOf(poisoned);
    }

    public static Backing ram(long pageSize) {
        return new Backing(Kind.RAM, null, pageSize, false, List.of());
    }
}
