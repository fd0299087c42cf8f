package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * Finding things without the pointer: Ctrl+F "go to" (a GPA, an HVA, a slot id or a name) and the next or
 * previous band of the selected lane ({@code ]} and {@code [}) or finding (F8, Shift+F8). Lookups only: the
 * evaluation already says which stage-2 run holds a GPA.
 */
final class Navigator {
    private Navigator() {}

    /**
     * What a go-to query names. "0x..." (or "gpa 0x...") is the stage-2 run holding that GPA, else the
     * memslot call whose range holds it, else (without "gpa") the VMA holding it as an HVA; "hva 0x..." only
     * the VMA. A bare "3" or "1:3" (or "slot 3") is the last call for that slot id. Anything else is a VMA,
     * memslot label or access label: an exact name first, then the first name containing the text.
     */
    static Optional<Ref> goTo(Evaluation ev, String query) {
        if (ev == null || query == null || query.isBlank()) {
            return Optional.empty();
        }
        Scenario s = ev.scenario();
        String q = query.strip();
        String lower = q.toLowerCase(Locale.ROOT);
        boolean gpaOnly = lower.startsWith("gpa ");
        boolean hvaOnly = lower.startsWith("hva ");
        boolean slotOnly = lower.startsWith("slot ");
        String rest = gpaOnly || hvaOnly || slotOnly ? q.substring(q.indexOf(' ') + 1).strip() : q;
        if (slotOnly || rest.matches("\\d+(:\\d+)?")) {
            Optional<Ref> slot = slot(s, rest);
            if (slot.isPresent() || slotOnly) {
                return slot;
            }
        }
        Long addr = address(rest);
        if (addr != null) {
            if (!hvaOnly) {
                for (Stage2Run r : ev.stage2()) {
                    if (r.addressSpace() == 0 && contains(r.gpa(), r.size(), addr)) {
                        return Optional.of(new Ref.GpaRange(r.gpa(), r.size()));
                    }
                }
                for (MemslotResult m : ev.memslotCalls()) {
                    if (contains(m.call().gpa(), m.call().size(), addr)) {
                        return Optional.of(new Ref.MemslotCall(m.index()));
                    }
                }
            }
            if (!gpaOnly) {
                for (int i = 0; i < s.vmas().size(); i++) {
                    if (contains(s.vmas().get(i).start(), s.vmas().get(i).size(), addr)) {
                        return Optional.of(new Ref.Vma(i));
                    }
                }
            }
            return Optional.empty();
        }
        return byName(s, rest.toLowerCase(Locale.ROOT), true).or(() -> byName(s, rest.toLowerCase(Locale.ROOT), false));
    }

    private static Long address(String t) {
        if (!t.matches("(?i)0x[0-9a-f_]+")) {
            return null;
        }
        try {
            return U64.parseAddress(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean contains(long start, long size, long addr) {
        return size != 0 && U64.le(start, addr) && U64.le(addr, U64.last(start, size));
    }

    private static Optional<Ref> slot(Scenario s, String id) {
        for (int i = s.memslots().size() - 1; i >= 0; i--) {
            MemslotCall c = s.memslots().get(i);
            if (MemslotCall.slotId(c.addressSpace(), c.slot()).equals(id)) {
                return Optional.of(new Ref.MemslotCall(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<Ref> byName(Scenario s, String q, boolean exact) {
        for (int i = 0; i < s.vmas().size(); i++) {
            if (matches(s.vmas().get(i).name(), q, exact)) {
                return Optional.of(new Ref.Vma(i));
            }
        }
        for (int i = 0; i < s.memslots().size(); i++) {
            if (matches(s.memslots().get(i).label(), q, exact)) {
                return Optional.of(new Ref.MemslotCall(i));
            }
        }
        for (int i = 0; i < s.guest().accesses().size(); i++) {
            if (matches(s.guest().accesses().get(i).label(), q, exact)) {
                return Optional.of(new Ref.Access(i));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String name, String q, boolean exact) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return !n.isEmpty() && (exact ? n.equals(q) : n.contains(q));
    }

    /**
     * The band after (step 1) or before (step -1) the selection in its own lane, in address order: VMAs by
     * HVA, memslot calls in ioctl order, stage-2 runs by GPA, accesses in order; wraps around. With nothing
     * selected it starts on the stage-2 lane.
     */
    static Ref step(Evaluation ev, Ref current, int step) {
        if (ev == null) {
            return current;
        }
        Scenario s = ev.scenario();
        List<Ref> lane = new ArrayList<>();
        if (current instanceof Ref.Vma) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < s.vmas().size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing((Integer i) -> s.vmas().get(i).start(), Long::compareUnsigned));
            order.forEach(i -> lane.add(new Ref.Vma(i)));
        } else if (current instanceof Ref.MemslotCall) {
            for (int i = 0; i < s.memslots().size(); i++) {
                lane.add(new Ref.MemslotCall(i));
            }
        } else if (current instanceof Ref.Access) {
            for (int i = 0; i < s.guest().accesses().size(); i++) {
                lane.add(new Ref.Access(i));
            }
        } else {
            ev.stage2().stream().filter(r -> r.addressSpace() == 0)
                    .sorted(Comparator.comparing(Stage2Run::gpa, Long::compareUnsigned))
                    .forEach(r -> lane.add(new Ref.GpaRange(r.gpa(), r.size())));
        }
        if (lane.isEmpty()) {
            return current;
        }
        int at = lane.indexOf(current);
        if (at < 0) {
            at = current instanceof Ref.GpaRange g ? nearest(lane, g, step) : step > 0 ? -1 : lane.size();
        }
        return lane.get(Math.floorMod(at + step, lane.size()));
    }

    /** A GPA range that is not one run (an effective-lane piece): the run position just before or after it. */
    private static int nearest(List<Ref> lane, Ref.GpaRange g, int step) {
        for (int i = 0; i < lane.size(); i++) {
            if (U64.lt(g.gpa(), ((Ref.GpaRange) lane.get(i)).gpa())) {
                return step > 0 ? i - 1 : i;
            }
        }
        return step > 0 ? lane.size() - 1 : lane.size();
    }

    /** The finding row after or before the one whose target is selected, skipping rows that select nothing. */
    static Optional<FindingRow> stepFinding(List<FindingRow> rows, Ref current, int step) {
        List<FindingRow> live = rows.stream().filter(r -> !(r.ref() instanceof Ref.None)).toList();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        int at = -1;
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).ref().equals(current)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            at = step > 0 ? -1 : live.size();
        }
        return Optional.of(live.get(Math.floorMod(at + step, live.size())));
    }

    /** A VMA, memslot call or access's name for status lines ("VMA pflash0", "memslot call #2 (slot 1)"). */
    static String describe(Scenario s, Ref r) {
        if (r instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            return "VMA " + vma.name();
        }
        if (r instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            return "memslot call #" + m.index() + " (" + s.memslots().get(m.index()).displayName() + ")";
        }
        if (r instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            GuestAccess acc = s.guest().accesses().get(a.index());
            return "guest access #" + a.index() + " (" + acc.kind().name().toLowerCase(Locale.ROOT) + " " + U64.hex(acc.gpa())
                    + (acc.label().isEmpty() ? "" : " " + acc.label()) + ")";
        }
        if (r instanceof Ref.GpaRange g) {
            return "GPA " + U64.hex(g.gpa()) + " + " + U64.size(g.size());
        }
        return "nothing";
    }
}
