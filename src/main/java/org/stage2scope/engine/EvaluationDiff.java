package org.stage2scope.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;

/**
 * What an edit changed, lane by lane: the old and the new evaluation compared item by item (VMAs,
 * memslot calls, accesses) and GPA interval by GPA interval (stage-2 and effective runs, which an
 * edit may split or merge differently). Pure: the window only shows the result.
 */
public final class EvaluationDiff {
    private EvaluationDiff() {}

    /** Every change from {@code old} to {@code now}, in lane order; empty when no outcome changed. */
    public static List<Change> of(Evaluation old, Evaluation now) {
        List<Change> out = new ArrayList<>();
        vmas(old, now, out);
        calls(old, now, out);
        ranges(Change.Lane.STAGE2, pieces(old.stage2(), EvaluationDiff::stage2Fields),
                pieces(now.stage2(), EvaluationDiff::stage2Fields), old, now, out);
        ranges(Change.Lane.EFFECTIVE, pieces(old.effective(), EvaluationDiff::effectiveFields),
                pieces(now.effective(), EvaluationDiff::effectiveFields), old, now, out);
        accesses(old, now, out);
        return out;
    }

    /** How many lanes the changes touch (a lane with three changed ranges counts once). */
    public static int lanes(List<Change> changes) {
        return (int) changes.stream().map(Change::lane).distinct().count();
    }

    // ------------------------------------------------------------------ items

    /**
     * The VMA flags the picture's VMA band shows because stage 2 depends on them: VM_PFNMAP
     * (kvm_vma_is_cacheable / the PFNMAP path of user_mem_abort), VM_ALLOW_ANY_UNCACHED (Normal-NC
     * instead of Device) and VM_MTE_ALLOWED (kvm_vma_mte_allowed). Other flags are not VMA-lane changes.
     */
    private static final List<VmFlag> DECIDING_FLAGS = List.of(VmFlag.VM_PFNMAP, VmFlag.VM_ALLOW_ANY_UNCACHED,
            VmFlag.VM_MTE_ALLOWED);

    /** VMAs pair by name (an added VMA must not shift every later one); its pgprot type and deciding flags are compared. */
    private static void vmas(Evaluation old, Evaluation now, List<Change> out) {
        List<Vma> a = old.scenario().vmas();
        List<Vma> b = now.scenario().vmas();
        boolean[] paired = new boolean[a.size()];
        for (int j = 0; j < b.size(); j++) {
            Vma v = b.get(j);
            int i = pairByName(a, paired, v.name(), j);
            if (i < 0) {
                out.add(new Change(Change.Lane.VMA, new Ref.Vma(j), v.name(), "none", vmaWords(v)));
                continue;
            }
            paired[i] = true;
            Vma u = a.get(i);
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            if (u.memType() != v.memType()) {
                before.add(u.memType().id());
                after.add(v.memType().id());
            }
            for (VmFlag f : DECIDING_FLAGS) {
                if (u.has(f) != v.has(f)) {
                    before.add((u.has(f) ? "" : "no ") + f.name());
                    after.add((v.has(f) ? "" : "no ") + f.name());
                }
            }
            if (!before.isEmpty()) {
                out.add(new Change(Change.Lane.VMA, new Ref.Vma(j), v.name(), String.join(" ", before),
                        String.join(" ", after)));
            }
        }
        for (int i = 0; i < a.size(); i++) {
            if (!paired[i]) {
                out.add(new Change(Change.Lane.VMA, new Ref.Vma(i), a.get(i).name(), vmaWords(a.get(i)), "removed"));
            }
        }
    }

    /** The same name at the same index first, then the first unpaired VMA of that name. */
    private static int pairByName(List<Vma> a, boolean[] paired, String name, int j) {
        if (j < a.size() && !paired[j] && a.get(j).name().equals(name)) {
            return j;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!paired[i] && a.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String vmaWords(Vma v) {
        return v.memType().id();
    }

    /** Memslot calls pair by position: the kernel sees them as an ordered sequence of ioctls. */
    private static void calls(Evaluation old, Evaluation now, List<Change> out) {
        List<MemslotResult> a = old.memslotCalls();
        List<MemslotResult> b = now.memslotCalls();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            MemslotResult u = i < a.size() ? a.get(i) : null;
            MemslotResult v = i < b.size() ? b.get(i) : null;
            String before = u == null ? "none" : callWord(u);
            String after = v == null ? "removed" : callWord(v);
            if (!before.equals(after)) {
                out.add(new Change(Change.Lane.MEMSLOT, new Ref.MemslotCall(i), callName((v != null ? v : u).call()),
                        before, after));
            }
        }
    }

    /** "ok" for success, as the findings word it ("0" read as a slot number after "memslot"), else the errno's name. */
    private static String callWord(MemslotResult r) {
        return r.ok() ? "ok" : r.resultName();
    }

    private static String callName(MemslotCall c) {
        return c.label().isEmpty() ? "slot " + c.slot() : c.label();
    }

    /** Accesses pair by position; the kind is repeated so "exec abort-injected -> exec ok" reads alone. */
    private static void accesses(Evaluation old, Evaluation now, List<Change> out) {
        List<AccessResult> a = old.accesses();
        List<AccessResult> b = now.accesses();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            AccessResult u = i < a.size() ? a.get(i) : null;
            AccessResult v = i < b.size() ? b.get(i) : null;
            String before = u == null ? "none" : accessWords(u);
            String after = v == null ? "removed" : accessWords(v);
            if (!before.equals(after)) {
                GuestAccess g = (v != null ? v : u).access();
                String name = g.label().isEmpty() ? g.kind().id() + " at " + U64.hex(g.gpa()) : g.label();
                out.add(new Change(Change.Lane.ACCESS, new Ref.Access(i), name, before, after));
            }
        }
    }

    private static String accessWords(AccessResult r) {
        return r.access().kind().id() + " " + outcomeWord(r.outcome());
    }

    /** The access outcome as the picture's markers name it; a retried access is simply "ok". */
    static String outcomeWord(AccessOutcome o) {
        return switch (o) {
            case MAPPED -> "ok";
            case MMIO_EXIT -> "mmio-exit";
            case EFAULT -> "EFAULT";
            case SIGBUS -> "SIGBUS";
            case ABORT_INJECTED -> "abort-injected";
            case EMULATION_FAILURE -> "emulation-failure";
        };
    }

    // ------------------------------------------------------------------ GPA ranges

    /** A run reduced to what the diff compares: its range and its words, field by field. */
    private record Piece(long gpa, long last, Map<String, String> fields) {}

    private static <T> List<Piece> pieces(List<T> runs, java.util.function.Function<T, Piece> f) {
        List<Piece> out = new ArrayList<>();
        for (T r : runs) {
            Piece p = f.apply(r);
            if (p != null) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Piece::gpa, Long::compareUnsigned));
        return out;
    }

    /** Outcome, then for a mapping the stage-2 type, MemAttr and block size (what user_mem_abort chose). */
    private static Piece stage2Fields(Stage2Run r) {
        if (r.size() == 0) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        if (r.addressSpace() != 0) {
            m.put("as", "as" + r.addressSpace());
        }
        if (r.outcome() != Stage2Run.Outcome.MAPPED || r.s2() == null) {
            m.put("outcome", r.outcome().name());
        } else {
            m.put("type", r.s2().type());
            // Permissions are the stage-2 entry too: KVM_MEM_READONLY turns RWX into R-X without touching the
            // type, and the edit changed nothing on the picture's outline or in the status line's words.
            m.put("perms", r.s2().perms());
            String bits = Stage2Entry.bits(r.s2().memAttr());
            if (bits != null) {
                m.put("memAttr", "MemAttr " + bits);
            }
            m.put("block", U64.size(r.s2().blockSize()) + " blocks");
        }
        return new Piece(r.gpa(), U64.last(r.gpa(), r.size()), m);
    }

    private static Piece effectiveFields(EffectiveRun r) {
        if (r.size() == 0) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", r.name());
        return new Piece(r.gpa(), U64.last(r.gpa(), r.size()), m);
    }

    /**
     * Sweeps the GPA space at every boundary either side has, compares the words on each elementary
     * interval, and merges neighbours that changed the same way into one outlined range. Works on
     * inclusive last addresses so a run ending at 2^64 needs no special case.
     */
    private static void ranges(Change.Lane lane, List<Piece> a, List<Piece> b, Evaluation old, Evaluation now,
                               List<Change> out) {
        TreeSet<Long> starts = new TreeSet<>(Long::compareUnsigned);
        for (List<Piece> side : List.of(a, b)) {
            for (Piece p : side) {
                starts.add(p.gpa());
                if (p.last() != -1L) {
                    starts.add(p.last() + 1);
                }
            }
        }
        List<Long> points = new ArrayList<>(starts);
        long openStart = 0;
        long openLast = 0;
        String[] open = null;
        for (int k = 0; k < points.size(); k++) {
            long s = points.get(k);
            long last = k + 1 < points.size() ? points.get(k + 1) - 1 : -1L;
            Piece u = covering(a, s);
            Piece v = covering(b, s);
            if (k + 1 == points.size() && u == null && v == null) {
                break;
            }
            String[] words = u == null && v == null ? null : words(u, v);
            boolean continues = open != null && words != null && open[0].equals(words[0]) && open[1].equals(words[1])
                    && openLast + 1 == s;
            if (continues) {
                openLast = last;
                continue;
            }
            if (open != null) {
                out.add(rangeChange(lane, openStart, openLast, open, old, now));
            }
            open = words;
            openStart = s;
            openLast = last;
        }
        if (open != null) {
            out.add(rangeChange(lane, openStart, openLast, open, old, now));
        }
    }

    /** The run containing {@code gpa}, or null (a few hundred runs at most per lane that people edit). */
    private static Piece covering(List<Piece> side, long gpa) {
        int lo = 0;
        int hi = side.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Piece p = side.get(mid);
            if (Long.compareUnsigned(p.gpa(), gpa) > 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(p.last(), gpa) < 0) {
                lo = mid + 1;
            } else {
                return p;
            }
        }
        return null;
    }

    /** Old and new words, naming only the fields that differ; null when nothing differs. */
    private static String[] words(Piece u, Piece v) {
        if (u == null) {
            return new String[] {"unmapped", String.join(" ", v.fields().values())};
        }
        if (v == null) {
            return new String[] {String.join(" ", u.fields().values()), "unmapped"};
        }
        if (u.fields().equals(v.fields())) {
            return null;
        }
        if (!u.fields().keySet().equals(v.fields().keySet())) {
            return new String[] {String.join(" ", u.fields().values()), String.join(" ", v.fields().values())};
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String key : u.fields().keySet()) {
            if (!Objects.equals(u.fields().get(key), v.fields().get(key))) {
                before.add(u.fields().get(key));
                after.add(v.fields().get(key));
            }
        }
        return new String[] {String.join(" ", before), String.join(" ", after)};
    }

    private static Change rangeChange(Change.Lane lane, long start, long last, String[] words, Evaluation old,
                                      Evaluation now) {
        long size = last - start + 1;
        return new Change(lane, new Ref.GpaRange(start, size), slotName(now, old, start), words[0], words[1]);
    }

    /** The label of the accepted memslot over {@code gpa} (the new picture's, else the old one's). */
    private static String slotName(Evaluation now, Evaluation old, long gpa) {
        for (Evaluation e : List.of(now, old)) {
            String name = null;
            for (MemslotResult r : e.memslotCalls()) { // the last accepted call over gpa is the slot in force
                MemslotCall c = r.call();
                if (r.ok() && c.size() != 0 && U64.le(c.gpa(), gpa) && U64.le(gpa, U64.last(c.gpa(), c.size()))) {
                    name = callName(c);
                }
            }
            if (name != null) {
                return name;
            }
        }
        return U64.hex(gpa);
    }
}
