package org.stage2scope.io.qemu;

import org.stage2scope.model.U64;

/**
 * One line of an {@code info mtree -f} flat view (QEMU memory.c {@code mtree_print_flatview}).
 *
 * @param last        last byte, inclusive, as QEMU prints it
 * @param type        "ram", "rom", "romd", "ramd", "i/o" or "container", without the "nv-" prefix
 * @param nonVolatile the type carried QEMU's "nv-" prefix (a nonvolatile range)
 * @param offset      offset of the range inside its region ("@offset"), 0 when not printed
 * @param kvm         QEMU printed " kvm": the accelerator has a memslot over this range
 */
public record FlatRange(int line, long start, long last, int priority, String type, boolean nonVolatile,
                        String region, long offset, boolean kvm) {

    /** start..last inclusive as a size; 0 stands for 2^64, a range covering the whole space. */
    public long size() {
        return last - start + 1;
    }

    /** Whether QEMU's KVM listener (kvm_region_add) can back this range with a memslot: RAM, ROM, ROM device, RAM device. */
    public boolean isMemory() {
        return type.equals("ram") || type.equals("rom") || type.equals("romd") || type.equals("ramd");
    }

    /** Printed "rom" or "romd": the memslot QEMU makes is read-only (kvm_mem_flags sets KVM_MEM_READONLY). */
    public boolean isReadOnly() {
        return type.equals("rom") || type.equals("romd");
    }

    @Override
    public String toString() {
        return U64.hex(start) + "-" + U64.hex(last) + " (" + (nonVolatile ? "nv-" : "") + type + ") " + region
                + (offset != 0 ? " @" + U64.hex(offset) : "");
    }
}
