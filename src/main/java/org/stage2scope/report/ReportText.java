package org.stage2scope.report;

import java.util.List;
import java.util.Locale;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Severity;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.io.ControlChars;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/**
 * The report a kernel engineer reads in a terminal: what was simulated, what each memslot ioctl
 * returned, the stage-2 map KVM would build, the effective memory types, each access with its
 * decision trace, and the findings by severity.
 */
public final class ReportText {
    static final int WIDTH = 100;

    private ReportText() {}

    public static String render(Evaluation ev) {
        StringBuilder sb = new StringBuilder();
        header(sb, ev);
        memslots(sb, ev);
        stage2(sb, ev);
        effective(sb, ev);
        accesses(sb, ev);
        findings(sb, ev);
        return ControlChars.escape(sb.toString()); // names come from files: no raw escape reaches a terminal
    }

    private static void header(StringBuilder sb, Evaluation ev) {
        sb.append("Stage2Scope report: ").append(ScenarioFacts.title(ev)).append('\n');
        for (String[] fact : ScenarioFacts.of(ev)) {
            sb.append("  ").append(String.format(Locale.ROOT, "%-8s", fact[0])).append(fact[1]).append('\n');
        }
    }

    private static void memslots(StringBuilder sb, Evaluation ev) {
        section(sb, "Memslot calls (KVM_SET_USER_MEMORY_REGION2, in order)");
        if (ev.memslotCalls().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        TextTable.of(new Table<>(MemslotColumns.CHECK, ev.memslotCalls())).appendTo(sb, "  ");
        sb.append('\n');
        for (MemslotResult r : ev.memslotCalls()) {
            String label = r.call().label().isEmpty() ? "" : " (" + r.call().label() + ")";
            TextTable.wrap(sb, "#" + r.index() + label + " " + r.resultName() + ": " + r.explanation(), "  ", "      ", WIDTH);
        }
    }

    private static void stage2(StringBuilder sb, Evaluation ev) {
        section(sb, "GPA ranges: stage-2 map and effective type (every page of each accepted slot touched by reads and writes)");
        Table<RangeRow> ranges = RangeColumns.table(ev);
        if (ranges.rows().isEmpty()) {
            sb.append("  no accepted memslot maps anything\n");
            return;
        }
        TextTable.of(ranges).appendTo(sb, "  ");
        sb.append('\n');
        for (Stage2Run r : ev.stage2()) {
            TextTable.wrap(sb, U64.hex(r.gpa()) + " " + r.outcome().id() + ": " + r.reason() + " [" + r.rule().id() + "]",
                    "  ", "      ", WIDTH);
        }
    }

    private static void effective(StringBuilder sb, Evaluation ev) {
        section(sb, "Effective memory type (guest stage 1 combined with stage 2)");
        if (ev.effective().isEmpty()) {
            sb.append("  nothing is mapped\n");
            return;
        }
        TextTable t = new TextTable("gpa start", "gpa end", "size", "stage 1", "result", "name", "rule");
        for (EffectiveRun e : ev.effective()) {
            t.row(U64.hex(e.gpa()), ReportValues.endHex(e.gpa(), e.size()), U64.size(e.size()),
                    e.stage1().id() + (e.stage1Assumed() ? " (assumed)" : ""), e.result(), e.name(), e.rule().id());
        }
        t.appendTo(sb, "  ");
        if (ev.effective().stream().anyMatch(EffectiveRun::stage1Assumed)) {
            sb.append("  (assumed): no guest stage-1 range covers it; the default Normal write-back was assumed\n");
        }
        sb.append('\n');
        for (EffectiveRun e : ev.effective()) {
            TextTable.wrap(sb, U64.hex(e.gpa()) + " " + e.name() + ": " + e.reason(), "  ", "      ", WIDTH);
        }
    }

    private static void accesses(StringBuilder sb, Evaluation ev) {
        section(sb, "Guest accesses (first touch, each takes a stage-2 fault)");
        if (ev.accesses().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        TextTable t = new TextTable("#", "gpa", "kind", "outcome", "stage 2", "label");
        for (AccessResult a : ev.accesses()) {
            Stage2Entry e = a.s2();
            t.row(a.index(), U64.hex(a.access().gpa()), a.access().kind().id(), ReportValues.outcome(a.outcome()),
                    e == null ? null : e.type() + " " + e.perms() + " " + U64.size(e.blockSize()), a.access().label());
        }
        t.appendTo(sb, "  ");
        for (AccessResult a : ev.accesses()) {
            sb.append('\n');
            TextTable.wrap(sb, "#" + a.index() + " " + ReportValues.outcome(a.outcome()) + ": " + a.explanation()
                    + " [" + a.rule().id() + "]", "  ", "      ", WIDTH);
            for (int i = 0; i < a.trace().size(); i++) {
                TextTable.wrap(sb, a.trace().get(i), String.format(Locale.ROOT, "    %d. ", i + 1), "       ", WIDTH);
            }
        }
    }

    private static void findings(StringBuilder sb, Evaluation ev) {
        section(sb, "Findings");
        if (ev.findings().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        for (var bySeverity : ev.findingsBySeverity().entrySet()) {
            Severity sev = bySeverity.getKey();
            List<Finding> group = bySeverity.getValue();
            String title = sev.heading();
            sb.append("  ").append(title).append(" (").append(group.size()).append(")\n");
            for (Finding f : group) {
                TextTable.wrap(sb, "- " + f.message() + " [" + f.rule().id() + "]", "    ", "      ", WIDTH);
            }
        }
    }

    private static void section(StringBuilder sb, String title) {
        sb.append('\n').append(title).append('\n');
    }

    static String slotName(MemslotCall c) {
        return MemslotCall.slotId(c.addressSpace(), c.slot());
    }
}
