package org.stage2scope.engine.memslot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The memslots that exist between two calls: by (address space, id) like id_to_memslot, and per
 * address space by base GFN like the kernel's gfn_tree, so an overlap test costs O(log n).
 * GFNs are below 2^52 (a u64 GPA shifted by at least 12), so signed long order is their order.
 */
final class SlotState {
    private final Map<Integer, ActiveSlot> byId = new HashMap<>();
    private final TreeMap<Integer, TreeMap<Long, ActiveSlot>> byGfn = new TreeMap<>();
    private final long pageSize;

    SlotState(long pageSize) {
        this.pageSize = pageSize;
    }

    long gfn(long gpa) {
        return Long.divideUnsigned(gpa, pageSize);
    }

    long npages(long size) {
        return Long.divideUnsigned(size, pageSize);
    }

    ActiveSlot get(int addressSpace, int id) {
        return byId.get(key(addressSpace, id));
    }

    /**
     * kvm_check_memslot_overlap: the first slot of the address space other than {@code id} whose
     * GFN range meets [start, end), or null. Slots never overlap each other, so only the slot at or
     * below {@code start} and the slots starting inside the range can meet it.
     */
    ActiveSlot overlapping(int addressSpace, int id, long start, long end) {
        TreeMap<Long, ActiveSlot> tree = byGfn.get(addressSpace);
        if (tree == null) {
            return null;
        }
        Map.Entry<Long, ActiveSlot> below = tree.floorEntry(start);
        if (below != null && below.getValue().slot() != id
                && gfn(below.getValue().gpa()) + npages(below.getValue().size()) > start) {
            return below.getValue();
        }
        for (Map.Entry<Long, ActiveSlot> e = tree.higherEntry(start); e != null && e.getKey() < end;
                e = tree.higherEntry(e.getKey())) {
            if (e.getValue().slot() != id) {
                return e.getValue();
            }
        }
        return null;
    }

    void put(ActiveSlot slot) {
        byId.put(key(slot.addressSpace(), slot.slot()), slot);
        byGfn.computeIfAbsent(slot.addressSpace(), a -> new TreeMap<>()).put(gfn(slot.gpa()), slot);
    }

    void remove(ActiveSlot slot) {
        byId.remove(key(slot.addressSpace(), slot.slot()));
        TreeMap<Long, ActiveSlot> tree = byGfn.get(slot.addressSpace());
        tree.remove(gfn(slot.gpa()));
    }

    /** The standing slots in address-space order, then by GPA. */
    List<ActiveSlot> active() {
        List<ActiveSlot> out = new ArrayList<>(byId.size());
        for (TreeMap<Long, ActiveSlot> tree : byGfn.values()) {
            out.addAll(tree.values());
        }
        return out;
    }

    private static int key(int addressSpace, int id) {
        return (addressSpace << 16) | id;
    }
}
