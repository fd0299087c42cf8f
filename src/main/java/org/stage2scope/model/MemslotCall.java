package org.stage2scope.model;

import java.util.Set;

/**
 * One KVM_SET_USER_MEMORY_REGION2 ioctl. A scenario's memslots are the ordered list of these calls;
 * a call naming an existing slot modifies it, size 0 deletes it. Wrap-around and alignment are not
 * refused here: they are the kernel's checks, which the engine reports.
 */
public record MemslotCall(int slot, int addressSpace, long gpa, long size, long hva, Set<MemslotFlag> flags,
                          long guestMemfdOffset, String label) {

    public MemslotCall {
        if (slot < 0 || slot > 0xffff) {
            throw new IllegalArgumentException("slot id " + slot + " is not a 16-bit number (0..65535)");
        }
        if (addressSpace < 0 || addressSpace > 0xffff) {
            throw new IllegalArgumentException("address space " + addressSpace + " is not a 16-bit number (0..65535)");
        }
        flags = Set.copyOf(flags);
        label = label == null ? "" : label;
    }

    /** The uAPI's {@code slot} field: address space in the high 16 bits, id in the low 16. */
    public int rawSlot() {
        return (addressSpace << 16) | slot;
    }

    public boolean has(MemslotFlag flag) {
        return flags.contains(flag);
    }

    /** A short name for reports and the UI: the label, or "slot N" (with the address space when not 0). */
    public String displayName() {
        String id = "slot " + slotId(addressSpace, slot);
        return label.isEmpty() ? id : id + " (" + label + ")";
    }

    /** How reports and the UI write a slot: "3", or "1:3" in address space 1 (x86 SMM). */
    public static String slotId(int addressSpace, int slot) {
        return addressSpace == 0 ? String.valueOf(slot) : addressSpace + ":" + slot;
    }
}
