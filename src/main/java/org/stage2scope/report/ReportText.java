package org.stage2scope.report;

import java.io.IOException;
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
import org.stage2scope.io.Texts;
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
        return Texts.of(out -> write(ev, out));
    }

    /**
     * Writes the report to {@code out} as it is produced, section by section and line by line (the
     * same text as {@link #render}): at 200,000 memslot calls the report is 300 MB, which does not fit
     * a 1 GiB heap as one string. A failing {@code out} stops the report at once.
     */
    public static void write(Evaluation ev, Appendable out) throws IOException {
        Appendable sb = ControlChars.escaping(out); // names come from files: no raw escape reaches a terminal
        header(sb, ev);
        memslots(sb, ev);
        stage2(sb, ev);
        effective(sb, ev);
        accesses(sb, ev);
        findings(sb, ev);
    }

    private static void header(Appendable sb, Evaluation ev) throws IOException {
        sb.append("Stage2Scope report: ").append(ScenarioFacts.title(ev)).append('\n');
        for (String[] fact : ScenarioFacts.of(ev)) {
            sb.append("  ").append(String.format(Locale.ROOT, "%-8s", fact[0])).append(fact[1]).append('\n');
        }
    }

    private static void memslots(Appendable sb, Evaluation ev) throws IOException {
        section(sb, "Memslot calls (KVM_SET_USER_MEMORY_REGION2, in order)");
        if (ev.memslotCalls().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        table(sb, MemslotColumns.CHECK, ev.memslotCalls());
        sb.append('\n');
        for (MemslotResult r : ev.memslotCalls()) {
            String label = r.call().label().isEmpty() ? "" : " (" + r.call().label() + ")";
            TextTable.wrap(sb, "#" + r.index() + label + " " + r.resultName() + ": " + r.explanation(), "  ", "      ", WIDTH);
        }
    }

    private static void stage2(Appendable sb, Evaluation ev) throws IOException {
        section(sb, "GPA ranges: stage-2 map and effective type (every page of each accepted slot touched by reads and writes)");
        Table<RangeRow> ranges = RangeColumns.table(ev);
        if (ranges.rows().isEmpty()) {
            sb.append("  no accepted memslot maps anything\n");
            return;
        }
        table(sb, ranges.columns(), ranges.rows());
        sb.append('\n');
        for (Stage2Run r : ev.stage2()) {
            TextTable.wrap(sb, U64.hex(r.gpa()) + " " + r.outcome().id() + ": " + r.reason() + " [" + r.rule().id() + "]",
                    "  ", "      ", WIDTH);
        }
    }

    private static void effective(Appendable sb, Evaluation ev) throws IOException {
        section(sb, "Effective memory type (guest stage 1 combined with stage 2)");
        if (ev.effective().isEmpty()) {
            sb.append("  nothing is mapped\n");
            return;
        }
        TextTable.write(sb, "  ", new String[] {"gpa start", "gpa end", "size", "stage 1", "result", "name", "rule"}, t -> {
            for (EffectiveRun e : ev.effective()) {
                t.row(U64.hex(e.gpa()), ReportValues.endHex(e.gpa(), e.size()), U64.size(e.size()),
                        e.stage1().id() + (e.stage1Assumed() ? " (assumed)" : ""), e.result(), e.name(), e.rule().id());
            }
        });
        if (ev.effective().stream().anyMatch(EffectiveRun::stage1Assumed)) {
            // In the arch's own words: Linux's MT_NORMAL (MAIR 0xff) on arm64, PAT entry 0 (WB) on x86.
            sb.append(ev.scenario().host().arch().isX86()
                    ? "  (assumed): no guest stage-1 range covers it; PAT entry 0, WB, was assumed\n"
                    : "  (assumed): no guest stage-1 range covers it; the default Normal write-back was assumed\n");
        }
        sb.append('\n');
        for (EffectiveRun e : ev.effective()) {
            TextTable.wrap(sb, U64.hex(e.gpa()) + " " + e.name() + ": " + e.reason(), "  ", "      ", WIDTH);
        }
    }

    private static void accesses(Appendable sb, Evaluation ev) throws IOException {
        section(sb, "Guest accesses (first touch, each takes a stage-2 fault)");
        if (ev.accesses().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        TextTable.write(sb, "  ", new String[] {"#", "gpa", "kind", "outcome", "stage 2", "label"}, t -> {
            for (AccessResult a : ev.accesses()) {
                Stage2Entry e = a.s2();
                t.row(a.index(), U64.hex(a.access().gpa()), a.access().kind().id(), ReportValues.outcome(a.outcome()),
                        e == null ? null : e.type() + " " + e.perms() + " " + U64.size(e.blockSize()), a.access().label());
            }
        });
        for (AccessResult a : ev.accesses()) {
            sb.append('\n');
            AccessResult.Told told = a.told().get(); // the explanation and the trace come from one walk
            TextTable.wrap(sb, "#" + a.index() + " " + ReportValues.outcome(a.outcome()) + ": " + told.explanation()
                    + " [" + a.rule().id() + "]", "  ", "      ", WIDTH);
            List<String> trace = told.trace();
            for (int i = 0; i < trace.size(); i++) {
                TextTable.wrap(sb, trace.get(i), String.format(Locale.ROOT, "    %d. ", i + 1), "       ", WIDTH);
            }
        }
    }

    private static void findings(Appendable sb, Evaluation ev) throws IOException {
        section(sb, "Findings");
        if (ev.findings().isEmpty()) {
            sb.append("  none\n");
            return;
        }
        for (var bySeverity : ev.findingsBySeverity().entrySet()) {
            Severity sev = bySeverity.getKey();
            List<Finding> group = bySeverity.getValue();
            String title = sev.heading();
            sb.append("  ").append(title).append(" (").append(String.valueOf(group.size())).append(")\n");
            for (Finding f : group) {
                TextTable.wrap(sb, "- " + f.message() + " [" + f.rule().id() + "]", "    ", "      ", WIDTH);
            }
        }
    }

    /** A shared table's columns over its rows, the cells made twice (measured, then written) rather than kept. */
    private static <R> void table(Appendable sb, List<Column<R>> columns, List<R> rows) throws IOException {
        String[] header = columns.stream().map(Column::header).toArray(String[]::new);
        TextTable.write(sb, "  ", header, t -> {
            Object[] cells = new Object[columns.size()];
            for (R r : rows) {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = columns.get(i).cell(r);
                }
                t.row(cells);
            }
        });
    }

    private static void section(Appendable sb, String title) throws IOException {
        sb.append('\n').append(title).append('\n');
    }

    static String slotName(MemslotCall c) {
        return MemslotCall.slotId(c.addressSpace(), c.slot());
    }
}
