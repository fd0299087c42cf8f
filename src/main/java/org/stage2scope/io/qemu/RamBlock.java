package org.stage2scope.io.qemu;

import org.stage2scope.model.U64;

/**
 * One row of the QEMU monitor {@code info ramblock} table (RAMBlock: idstr, page_size, offset,
 * used_length, max_length).
 *
 * @param offset   the block's ram_addr_t offset in QEMU's RAM space (its allocation position, not a GPA)
 * @param used     used_length
 * @param total    max_length: the size QEMU mmap'ed for the block
 * @param hva      the block's host address when the table has the HVA column (newer QEMUs), else null
 * @param readOnly the RO column when present, else null
 */
public record RamBlock(int line, String name, long pageSize, long offset, long used, long total, Long hva, Boolean readOnly) {
    @Override
    public String toString() {
        return (name.isEmpty() ? "(unnamed)" : name) + " (" + U64.human(used) + (used != total ? " of " + U64.human(total) : "") + ")";
    }
}
