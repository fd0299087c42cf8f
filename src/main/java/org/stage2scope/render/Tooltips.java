package org.stage2scope.render;

import java.util.Locale;
import java.util.stream.Collectors;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/** The hover text of each kind of band: what a kernel engineer asks first about it. */
public final class Tooltips {
    private Tooltips() {}

    static String range(String space, long start, long size) {
        if (size == 0) {
            return space + " " + U64.hex(start) + " (empty)";
        }
        return space + " " + U64.hex(start) + " - " + U64.hex(U64.last(start, size)) + "  (" + U64.human(size) + ")";
    }

    public static String of(Stage2Run r) {
        StringBuilder sb = new StringBuilder(range("GPA", r.gpa(), r.size()));
        sb.append("\nslot ").append(MemslotCall.slotId(r.addressSpace(), r.slot()))
                .append(r.vma() == null ? ", no VMA behind it" : ", VMA " + r.vma());
        sb.append("\nstage 2: ").append(r.outcome().id());
        Stage2Entry e = r.s2();
        if (e != null) {
            sb.append(' ').append(e.type());
            if (e.memAttr() != null) {
                sb.append(", MemAttr ").append(Stage2Entry.bits(e.memAttr()));
            }
            if (e.ipat() != null) {
                sb.append(", IPAT=").append(e.ipat() ? 1 : 0);
            }
            sb.append(", ").append(e.perms()).append(", ").append(U64.human(e.blockSize())).append(" blocks");
            if (e.dcacheClean()) {
                sb.append(", D-cache clean");
            }
            if (e.icacheInval()) {
                sb.append(", I-cache inval");
            }
        }
        if (r.rule() != null) {
            sb.append("\nrule ").append(r.rule().id()).append(" (").append(r.rule().kernelFunction()).append(')');
        }
        if (r.reason() != null && !r.reason().isEmpty()) {
            sb.append('\n').append(r.reason());
        }
        return sb.toString();
    }

    public static String of(EffectiveRun e) {
        StringBuilder sb = new StringBuilder(range("GPA", e.gpa(), e.size()));
        sb.append("\neffective: ").append(e.name()).append(" (").append(e.result()).append(')');
        if (e.stage1() != null) {
            sb.append("\nstage 1: ").append(e.stage1().id()).append(e.stage1Assumed() ? " (assumed: no stage-1 range)" : "");
        }
        if (e.rule() != null) {
            sb.append("\nrule ").append(e.rule().id()).append(" (").append(e.rule().kernelFunction()).append(')');
        }
        if (e.reason() != null && !e.reason().isEmpty()) {
            sb.append('\n').append(e.reason());
        }
        return sb.toString();
    }

    public static String of(Vma v) {
        String flags = v.flags().stream().map(f -> f.id()).sorted().collect(Collectors.joining(" "));
        return "VMA " + v.name() + "\n" + range("HVA", v.start(), v.size()) + "\n" + v.perms() + "  " + v.memType().id()
                + "  " + v.backing().kind().id() + (v.backing().thp() ? " thp" : "") + ", "
                + U64.human(v.backing().pageSize()) + " pages" + (flags.isEmpty() ? "" : "\n" + flags);
    }

    public static String of(MemslotResult m) {
        MemslotCall c = m.call();
        String flags = c.flags().stream().map(f -> f.id()).sorted().collect(Collectors.joining(" "));
        StringBuilder sb = new StringBuilder("call #" + m.index() + ": " + c.displayName() + " -> " + m.resultName()
                + (m.change() == null ? "" : " (" + m.change().name().toLowerCase(Locale.ROOT) + ")"));
        sb.append('\n').append(range("GPA", c.gpa(), c.size())).append('\n').append(range("HVA", c.hva(), c.size()));
        if (!flags.isEmpty()) {
            sb.append('\n').append(flags);
        }
        if (m.rule() != null) {
            sb.append("\nrule ").append(m.rule().id()).append(" (").append(m.rule().kernelFunction()).append(')');
        }
        if (m.explanation() != null && !m.explanation().isEmpty()) {
            sb.append('\n').append(m.explanation());
        }
        return sb.toString();
    }

    public static String of(AccessResult a) {
        StringBuilder sb = new StringBuilder("access #" + a.index() + ": " + a.access().kind().id() + " at GPA "
                + U64.hex(a.access().gpa()) + (a.access().label().isEmpty() ? "" : " (" + a.access().label() + ")"));
        sb.append("\noutcome: ").append(a.outcome().name());
        if (a.s2() != null) {
            sb.append(", ").append(a.s2().type()).append(' ').append(a.s2().perms());
        }
        if (a.rule() != null) {
            sb.append("\nrule ").append(a.rule().id()).append(" (").append(a.rule().kernelFunction()).append(')');
        }
        if (a.explanation() != null && !a.explanation().isEmpty()) {
            sb.append('\n').append(a.explanation());
        }
        return sb.toString();
    }

}
