package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;

/**
 * Finds the host VMA behind each QEMU RAM block. In order of trust: the block's HVA column (newer
 * QEMUs print it), the VMA's name (a memfd or file named after the block), then the size QEMU mapped
 * (max_length). Blocks are taken in RAM-offset order so every decision is deterministic.
 */
final class BlockMatcher {
    private BlockMatcher() {}

    /** A block's VMA and the HVA of the block's first byte (the VMA start unless the HVA column says otherwise). */
    record Match(SmapsVma vma, long hostBase, String how) {}

    static Map<RamBlock, Match> match(List<RamBlock> blocks, SmapsFile smaps, ImportReport report) {
        List<RamBlock> ordered = new ArrayList<>(blocks);
        ordered.sort(Comparator.comparing(RamBlock::offset, Long::compareUnsigned));
        Map<RamBlock, Match> out = new LinkedHashMap<>();
        Set<SmapsVma> taken = new HashSet<>();
        List<RamBlock> bySize = new ArrayList<>();
        for (RamBlock b : ordered) {
            if (b.hva() != null) {
                SmapsVma v = containing(smaps.vmas(), b.hva());
                if (v != null) {
                    take(out, taken, b, new Match(v, b.hva(), "by the HVA column " + U64.hex(b.hva())), smaps.vmas(), report);
                    continue;
                }
                report.add("ram block " + b.name() + ": no VMA contains its HVA " + U64.hex(b.hva()) + " (smaps and monitor from different runs?)");
            }
            List<SmapsVma> named = smaps.vmas().stream()
                    .filter(v -> !taken.contains(v) && namedAfter(v, b) && !U64.lt(v.size(), b.used()))
                    .toList();
            if (named.size() == 1) {
                take(out, taken, b, new Match(named.get(0), named.get(0).start(), "by name"), smaps.vmas(), report);
            } else {
                bySize.add(b);
            }
        }
        for (RamBlock b : bySize) {
            // The mmap'ed size is max_length (Total), rounded to the backing page size; a VMA of only
            // the used length is a weaker hint, taken only when no VMA has the mapped size.
            List<SmapsVma> candidates = candidates(smaps, taken, v -> mappedSizeFits(v, b));
            if (candidates.isEmpty()) {
                candidates = candidates(smaps, taken, v -> v.size() == b.used());
            }
            if (candidates.isEmpty()) {
                report.add("ram block " + b + ": unmatched, no VMA of its size " + U64.hex(b.total()) + " (or used " + U64.hex(b.used())
                        + "); its ranges get no memslot");
                continue;
            }
            // Ties: QEMU allocates blocks in RAM-offset order and mmap hands out addresses top-down
            // (arch_get_unmapped_area_topdown), so the earlier block has the higher address.
            candidates.sort(Comparator.comparing(SmapsVma::start, Long::compareUnsigned).reversed());
            SmapsVma pick = candidates.get(0);
            String how = "by size " + U64.human(pick.size());
            if (candidates.size() > 1) {
                how += "; ambiguous among " + candidates.size() + " VMAs of that size ("
                        + candidates.stream().map(v -> U64.hex(v.start())).collect(Collectors.joining(", "))
                        + "), took the highest because blocks are allocated in offset order and mmap goes top-down; correct it if wrong";
            }
            take(out, taken, b, new Match(pick, pick.start(), how), smaps.vmas(), report);
        }
        return out;
    }

    private static void take(Map<RamBlock, Match> out, Set<SmapsVma> taken, RamBlock b, Match m, List<SmapsVma> all,
                             ImportReport report) {
        out.put(b, m);
        taken.add(m.vma());
        String line = "ram block " + b + " -> VMA " + m.vma() + " (smaps line " + m.vma().line() + "), " + m.how();
        if (!m.vma().path().isEmpty()) {
            long same = all.stream().filter(o -> o.path().equals(m.vma().path())).count();
            if (same > 1) {
                line += "; " + same + " VMAs share the name " + m.vma().path() + ", so the name alone could not decide";
            }
        }
        report.add(line);
    }

    private static SmapsVma containing(List<SmapsVma> vmas, long hva) {
        for (SmapsVma v : vmas) {
            if (U64.le(v.start(), hva) && U64.lt(hva, v.end())) {
                return v;
            }
        }
        return null;
    }

    /**
     * memfd backends and file backends: a memfd named after the block, a file whose path or base
     * name is the block's name, or QEMU's own hugetlbfs/tmpfs file "qemu_back_mem.NAME.XXXXXX".
     */
    static boolean namedAfter(SmapsVma v, RamBlock b) {
        if (v.path().isEmpty()) {
            return false;
        }
        String full = b.name();
        String last = full.substring(full.lastIndexOf('/') + 1);
        String memfd = v.memfdName();
        if (memfd != null) {
            return memfd.equals(full) || memfd.equals(last);
        }
        String path = v.path().endsWith(" (deleted)") ? v.path().substring(0, v.path().length() - " (deleted)".length()) : v.path();
        String base = path.substring(path.lastIndexOf('/') + 1);
        return path.equals(full) || base.equals(last) || base.startsWith("qemu_back_mem." + last + ".");
    }

    private static List<SmapsVma> candidates(SmapsFile smaps, Set<SmapsVma> taken, java.util.function.Predicate<SmapsVma> size) {
        List<SmapsVma> out = smaps.vmas().stream()
                .filter(v -> !taken.contains(v) && (v.perms().read() || v.perms().write()) && size.test(v))
                .collect(Collectors.toCollection(ArrayList::new));
        // QEMU's ram_block_add madvises every block MADV_DONTFORK (VmFlags "dc"): when smaps shows
        // flags, a same-sized VMA without it is QEMU's heap or a thread arena, not a block.
        if (out.stream().anyMatch(v -> v.has(VmFlag.VM_DONTCOPY))) {
            out.removeIf(v -> !v.has(VmFlag.VM_DONTCOPY));
        }
        return out;
    }

    private static boolean mappedSizeFits(SmapsVma v, RamBlock b) {
        long size = v.size();
        if (size == b.total()) {
            return true;
        }
        long page = v.kernelPageSize();
        return page > 0 && Long.bitCount(page) == 1 && size == U64.alignUp(b.total(), page);
    }
}
