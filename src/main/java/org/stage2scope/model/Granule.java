package org.stage2scope.model;

/**
 * The host's base page size (PAGE_SIZE) and the block sizes its page tables offer at the PMD and
 * PUD levels, which bound the stage-2 block sizes KVM can install.
 */
public enum Granule implements Named {
    G4K("4K", 4L << 10, 2L << 20, 1L << 30),
    G16K("16K", 16L << 10, 32L << 20, 64L << 30),
    G64K("64K", 64L << 10, 512L << 20, 4L << 40);

    private final String id;
    private final long pageSize;
    private final long pmdSize;
    private final long pudSize;

    Granule(String id, long pageSize, long pmdSize, long pudSize) {
        this.id = id;
        this.pageSize = pageSize;
        this.pmdSize = pmdSize;
        this.pudSize = pudSize;
    }

    @Override
    public String id() {
        return id;
    }

    public long pageSize() {
        return pageSize;
    }

    public long pmdSize() {
        return pmdSize;
    }

    public long pudSize() {
        return pudSize;
    }
}
