package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vma;

/**
 * A band as text for the clipboard (the band context menu): its address range, and one Markdown table
 * row for a review comment or a bug report. Words only what the evaluation already says.
 */
final class BandText {
    private BandText() {}

    /** The header the Markdown row belongs under. */
    static final String MARKDOWN_HEADER = "| band | range | size | state | rule |\n|---|---|---|---|---|";

    /** "0x40000000000-0x417ffffffff" (inclusive last byte), an HVA range for a VMA, one GPA for an access. */
    static String range(Evaluation ev, Ref r) {
        long[] g = span(ev, r);
        if (g == null) {
            return "";
        }
        return g[1] == 1 ? U64.hex(g[0]) : U64.hex(g[0]) + "-" + U64.hex(U64.last(g[0], g[1]));
    }

    /** {start, size} of the band, or null when it is gone. */
    private static long[] span(Evaluation ev, Ref r) {
        var s = ev.scenario();
        if (r instanceof Ref.Vma v && v.index() < s.vmas().size()) {
            Vma vma = s.vmas().get(v.index());
            return new long[] {vma.start(), vma.size()};
        }
        if (r instanceof Ref.MemslotCall m && m.index() < s.memslots().size()) {
            MemslotCall c = s.memslots().get(m.index());
            return new long[] {c.gpa(), Math.max(1, c.size())};
        }
        if (r instanceof Ref.Access a && a.index() < s.guest().accesses().size()) {
            return new long[] {s.guest().accesses().get(a.index()).gpa(), 1};
        }
        if (r instanceof Ref.GpaRange g) {
            return new long[] {g.gpa(), g.size()};
        }
        return null;
    }

    /** One row under {@link #MARKDOWN_HEADER}: "| stage 2 slot 1 | 0x...-0x... | 96 GiB | mapped Normal-WB 1G | s2.map (user_mem_abort) |". */
    static String markdownRow(Evaluation ev, Ref r) {
        long[] g = span(ev, r);
        if (g == null) {
            return "";
        }
        String band;
        String state;
        Rule rule = null;
        var s = ev.scenario();
        if (r instanceof Ref.Vma v) {
            Vma vma = s.vmas().get(v.index());
            band = "VMA " + vma.name();
            state = vma.memType().id() + (vma.flags().isEmpty() ? "" : " " + String.join(", ",
                    vma.flags().stream().map(f -> f.id()).sorted().toList()));
        } else if (r instanceof Ref.MemslotCall m) {
            MemslotResult res = ev.memslotCalls().get(m.index());
            band = "memslot call #" + m.index() + " " + res.call().displayName();
            state = res.resultName();
            rule = res.rule();
        } else if (r instanceof Ref.Access a) {
            AccessResult res = ev.accesses().get(a.index());
            band = "access #" + a.index() + " " + res.access().kind().name().toLowerCase(java.util.Locale.ROOT);
            state = res.outcome().name();
            rule = res.rule();
        } else {
            band = "GPA range";
            List<String> parts = new ArrayList<>();
            for (Stage2Run run : ev.stage2()) {
                if (run.gpa() == g[0] && run.size() == g[1]) {
                    band = "stage 2 slot " + run.slot();
                    parts.add(run.outcome().id() + (run.s2() == null ? "" : " " + run.s2().type() + " " + U64.human(run.s2().blockSize())));
                    rule = run.rule();
                }
            }
            for (EffectiveRun e : ev.effective()) {
                if (e.gpa() == g[0] && e.size() == g[1]) {
                    parts.add("effective " + e.name());
                    rule = rule == null ? e.rule() : rule;
                }
            }
            state = String.join(", ", parts);
        }
        return "| " + cell(band) + " | " + range(ev, r) + " | " + U64.human(g[1]) + " | " + cell(state) + " | "
                + (rule == null ? "" : cell(rule.id() + " (" + rule.kernelFunction() + ")")) + " |";
    }

    private static String cell(String t) {
        return t.replace("|", "\\|").replace("\n", " ");
    }
}
