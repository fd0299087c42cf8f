package org.stage2scope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Rule;
import org.stage2scope.engine.Severity;
import org.stage2scope.model.U64;
import org.stage2scope.render.Picture;

/**
 * What a review document says, in order: what was simulated, the import caveats, the picture, the
 * range table with the reason for each range, the memslot calls, the guest's accesses, the findings,
 * and on request the policy comparison and the A/B difference against another scenario. Every
 * format writes these same blocks.
 *
 * @param evaluation  the scenario under the chosen policy
 * @param comparison  the scenario side by side under every policy (x86: the quirk, DMA and vendor), or null
 * @param against     the "before" side of an A/B section, or null
 * @param againstName how to name that side ("grace-hopper-no-fwb.json")
 */
public record ReviewDocument(Evaluation evaluation, Comparison comparison, Evaluation against, String againstName) {

    public static ReviewDocument of(Evaluation ev) {
        return new ReviewDocument(ev, null, null, null);
    }

    public String title() {
        return "Stage2Scope review: " + ScenarioFacts.title(evaluation);
    }

    /** Range-table columns an 80-column mail keeps: gpa start, size, slot, outcome, stage 2, block, effective. */
    static final List<Integer> NARROW_RANGES = List.of(0, 2, 3, 7, 8, 10, 14);
    /** #, slot, gpa, size, result, label. */
    static final List<Integer> NARROW_CALLS = List.of(0, 1, 2, 3, 7, 9);

    public List<Block> blocks() {
        Evaluation ev = evaluation;
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(1, title(), "top"));
        if (!ev.scenario().description().isEmpty()) {
            out.add(new Block.Paragraph(ev.scenario().description()));
        }
        out.add(new Block.Facts(ScenarioFacts.of(ev)));
        List<RangeRow> rows = RangeRows.of(ev);
        out.add(new Block.Paragraph(summary(ev, rows)));
        List<String> caveats = ImportCaveats.of(ev.scenario());
        if (!caveats.isEmpty()) {
            out.add(new Block.Heading(2, "Import caveats", "caveats"));
            out.add(new Block.Paragraph("This scenario was imported from a running QEMU; check these before trusting the results."));
            out.add(new Block.Items(caveats.stream().map(c -> new Block.Item("", c)).toList()));
        }
        out.add(new Block.Picture(Picture.of(ev), "Host VMAs, memslots, stage-2 mappings, effective types and guest accesses of "
                + ScenarioFacts.title(ev) + " under policy " + ev.policy().id()));
        ranges(out, ev, rows);
        memslots(out, ev);
        accesses(out, ev);
        findings(out, ev);
        if (comparison != null) {
            comparison(out);
        }
        if (against != null) {
            abSection(out);
        }
        return out;
    }

    private static String summary(Evaluation ev, List<RangeRow> rows) {
        long refused = ev.memslotCalls().stream().filter(r -> !r.ok()).count();
        long errors = ev.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = ev.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        long notes = ev.findings().size() - errors - warnings;
        return count(rows.size(), "GPA range") + ", " + count(ev.memslotCalls().size(), "memslot call") + " (" + refused + " refused), "
                + count(ev.accesses().size(), "guest access") + "; findings: " + count(errors, "error") + ", " + count(warnings, "warning")
                + ", " + count(notes, "note") + ".";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    private static void ranges(List<Block> out, Evaluation ev, List<RangeRow> rows) {
        out.add(new Block.Heading(2, "GPA ranges", "ranges"));
        out.add(new Block.Paragraph("One row per GPA range: the VMA behind it (pgprot memory type, the vm_flags KVM reads), what "
                + "KVM installs at stage 2 if the guest reads and writes every page, and the effective type after the guest's "
                + "stage-1 attribute. A refused memslot call's range is listed with its errno. \"-\" means not applicable."));
        Table<RangeRow> t = new Table<>(RangeColumns.all(ev.scenario().host().arch()), rows);
        out.add(Block.Grid.of(t, rows.stream().map(ReviewDocument::mark).toList(), NARROW_RANGES));
        out.add(new Block.Heading(3, "Why each range gets what it gets", "why"));
        List<Block.Item> why = new ArrayList<>();
        for (RangeRow r : rows) {
            String head = RangeColumns.GPA_START.cell(r) + ".." + RangeColumns.GPA_END.cell(r) + " (" + RangeColumns.SIZE.cell(r)
                    + ", slot " + r.slotId() + ", " + RangeColumns.VMA.cell(r) + ")";
            List<String> steps = new ArrayList<>();
            steps.add(r.outcome() + ": " + r.reason() + " " + cite(r.rule()));
            if (r.effective() != null) {
                steps.add("effective " + r.effective().name() + " (stage 1 " + RangeColumns.STAGE1.cell(r) + "): "
                        + r.effective().reason() + " " + cite(r.effective().rule()));
            }
            String detail = "pgprot " + RangeColumns.PGPROT.cell(r) + ", vma flags " + RangeColumns.VMA_FLAGS.cell(r)
                    + (r.s2() == null ? "" : "; stage 2 " + r.s2().type() + ", " + (r.s2().ipat() != null ? "ipat " + RangeColumns.IPAT.cell(r)
                    : "MemAttr " + RangeColumns.MEMATTR.cell(r)) + ", " + RangeColumns.BLOCK.cell(r) + " blocks, " + r.s2().perms()
                    + ", cache maintenance " + RangeColumns.CACHE.cell(r));
            why.add(new Block.Item(head, detail, steps));
        }
        out.add(new Block.Items(why));
    }

    /** A row's classes for styling: what kind of range it is, and whether a finding points at it. */
    private static String mark(RangeRow r) {
        List<String> m = new ArrayList<>();
        m.add(r.kind().name().toLowerCase(Locale.ROOT));
        if (r.finding()) {
            m.add("finding");
        }
        if (r.effectiveDiffersFromStage2()) {
            m.add("differs");
        }
        if (r.memClass() != null) {
            m.add("mc-" + r.memClass().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(" ", m);
    }

    private static void memslots(List<Block> out, Evaluation ev) {
        out.add(new Block.Heading(2, "Memslot calls", "memslots"));
        if (ev.memslotCalls().isEmpty()) {
            out.add(new Block.Paragraph("The scenario makes no memslot calls."));
            return;
        }
        out.add(new Block.Paragraph("KVM_SET_USER_MEMORY_REGION2 calls in order, each judged against the slots that exist at that moment."));
        out.add(Block.Grid.of(MemslotColumns.table(ev), ev.memslotCalls().stream().map(r -> r.ok() ? "" : "refused finding").toList(),
                NARROW_CALLS));
        List<Block.Item> items = new ArrayList<>();
        for (MemslotResult r : ev.memslotCalls()) {
            String label = r.call().label().isEmpty() ? "" : " (" + r.call().label() + ")";
            items.add(new Block.Item("#" + r.index() + label + " " + r.resultName(), r.explanation() + " " + cite(r.rule())));
        }
        out.add(new Block.Items(items));
    }

    private static void accesses(List<Block> out, Evaluation ev) {
        if (ev.accesses().isEmpty()) {
            return;
        }
        out.add(new Block.Heading(2, "Guest accesses", "accesses"));
        List<List<String>> cells = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (AccessResult a : ev.accesses()) {
            cells.add(List.of(String.valueOf(a.index()), U64.hex(a.access().gpa()), a.access().kind().id(), outcome(a),
                    a.s2() == null ? "-" : a.s2().type() + " " + a.s2().perms() + " " + U64.size(a.s2().blockSize()),
                    a.access().label().isEmpty() ? "-" : a.access().label()));
            marks.add(a.outcome() == org.stage2scope.engine.AccessOutcome.MAPPED ? "" : "finding");
        }
        out.add(new Block.Grid(List.of("#", "gpa", "kind", "outcome", "stage 2", "label"), cells, marks, List.of()));
        List<Block.Item> items = new ArrayList<>();
        for (AccessResult a : ev.accesses()) {
            items.add(new Block.Item("#" + a.index() + " " + outcome(a), a.explanation() + " " + cite(a.rule()), a.trace()));
        }
        out.add(new Block.Items(items));
    }

    private static String outcome(AccessResult a) {
        return switch (a.outcome()) {
            case MAPPED -> "mapped";
            case MMIO_EXIT -> "mmio-exit";
            case ABORT_INJECTED -> "abort-injected";
            default -> a.outcome().name();
        };
    }

    private static void findings(List<Block> out, Evaluation ev) {
        out.add(new Block.Heading(2, "Findings", "findings"));
        if (ev.findings().isEmpty()) {
            out.add(new Block.Paragraph("None."));
            return;
        }
        for (var bySeverity : ev.findingsBySeverity().entrySet()) {
            Severity sev = bySeverity.getKey();
            List<Finding> group = bySeverity.getValue();
            String title = sev.heading();
            out.add(new Block.Heading(3, title + " (" + group.size() + ")", "findings-" + sev.name().toLowerCase(Locale.ROOT)));
            out.add(new Block.Items(group.stream().map(f -> new Block.Item(f.rule().id(), f.message(),
                    List.of(f.rule().title() + "; mirrors " + f.rule().kernelFunction()))).toList()));
        }
    }

    private void comparison(List<Block> out) {
        out.add(new Block.Heading(2, "Policy comparison", "compare"));
        List<String> heads = comparison.heads();
        if (!comparison.note().isEmpty()) {
            out.add(new Block.Paragraph(comparison.note()));
            out.add(new Block.Facts(comparison.columns().stream().map(c -> new String[] {c.id(), c.description()}).toList()));
        }
        out.add(new Block.Paragraph("Rows where the columns disagree are marked (compared with " + CompareReport.baselineWords(comparison)
                + "). A stage-2 cell reads \"stage-2 type and block -> effective type\" (the guest's stage 1 combined with "
                + "stage 2), or the outcome; \"-\" where that column maps nothing."));
        out.add(new Block.Heading(3, "Memslot calls", "compare-memslots"));
        compareGrid(out, CompareReport.MEMSLOT_KEYS, heads, CompareReport.memslotRows(comparison));
        out.add(new Block.Heading(3, "Stage-2 map and effective type", "compare-stage2"));
        compareGrid(out, CompareReport.STAGE2_KEYS, heads, CompareReport.stage2Rows(comparison));
        if (!comparison.scenario().guest().accesses().isEmpty()) {
            out.add(new Block.Heading(3, "Guest accesses", "compare-accesses"));
            compareGrid(out, CompareReport.ACCESS_KEYS, heads, CompareReport.accessRows(comparison));
        }
    }

    private static void compareGrid(List<Block> out, List<String> keyHeads, List<String> policies, List<CompareReport.Row> rows) {
        int keys = keyHeads.size();
        List<String> headers = new ArrayList<>(keyHeads);
        headers.addAll(policies);
        List<List<String>> cells = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (CompareReport.Row r : rows) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                line.add(r.key()[i] == null || r.key()[i].isEmpty() ? "-" : r.key()[i]);
            }
            line.addAll(r.cells());
            cells.add(line);
            marks.add(r.differs() ? "differs" : "");
        }
        List<Integer> narrow = new ArrayList<>();
        narrow.add(0);
        for (int i = 0; i < policies.size(); i++) {
            narrow.add(keys + i);
        }
        out.add(new Block.Grid(headers, cells, marks, narrow));
    }

    private void abSection(List<Block> out) {
        String before = againstName == null ? ScenarioFacts.title(against) : againstName;
        out.add(new Block.Heading(2, "What changed against " + before, "ab"));
        out.add(new Block.Paragraph("Before: " + ScenarioFacts.title(against) + " (" + ScenarioFacts.host(against.scenario().host())
                + "; policy " + against.policy().id() + "). After: this scenario. Every GPA range whose outcome, stage-2 type, "
                + "MemAttr, block size, cache maintenance or effective type changed, as before -> after."));
        List<AbDiff.RangeChange> ranges = AbDiff.ranges(against, evaluation);
        if (ranges.isEmpty()) {
            out.add(new Block.Paragraph("No GPA range changed."));
        } else {
            out.add(new Block.Grid(AbDiff.RANGE_HEADERS, AbDiff.rangeCells(ranges), ranges.stream().map(r -> "").toList(),
                    List.of(0, 2, 4, 5, 6, 7, 8, 9)));
        }
        List<AbDiff.CallChange> calls = AbDiff.calls(against, evaluation);
        out.add(new Block.Heading(3, "Memslot calls whose result changed", "ab-memslots"));
        if (calls.isEmpty()) {
            out.add(new Block.Paragraph("None."));
        } else {
            out.add(new Block.Grid(AbDiff.CALL_HEADERS, AbDiff.callCells(calls), calls.stream().map(c -> "").toList(),
                    List.of(0, 1, 2, 3, 5)));
        }
    }

    /** The A/B section alone as 80-column text (the window's explanation panel), or a sentence when there is no "before". */
    public String abText() {
        if (against == null) {
            return "No saved scenario to compare with.";
        }
        List<Block> out = new ArrayList<>();
        abSection(out);
        return MailWriter.write(out);
    }

    /** "3 GPA ranges and 1 memslot call changed against OTHER.json". */
    public String abSummary() {
        if (against == null) {
            return "";
        }
        return count(AbDiff.ranges(against, evaluation).size(), "GPA range") + " and "
                + count(AbDiff.calls(against, evaluation).size(), "memslot call") + " changed against "
                + (againstName == null ? ScenarioFacts.title(against) : againstName);
    }

    /** "[rule-id: kernel_function]". */
    static String cite(Rule rule) {
        return "[" + rule.id() + ": " + rule.kernelFunction() + "]";
    }
}
