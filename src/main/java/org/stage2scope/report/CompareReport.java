package org.stage2scope.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Comparison;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.engine.memtype.AttrNames;
import org.stage2scope.io.ControlChars;
import org.stage2scope.io.Texts;
import org.stage2scope.io.JsonPrinter;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.U64;

/**
 * One scenario side by side (docs/report-format.md, {@value #FORMAT}): on arm64 under every policy,
 * on x86 under what varies there ({@link Comparison}). Rows are the memslot calls, the stage-2 GPA
 * intervals and the accesses; each stage-2 and access cell carries the column's stage-2 type and the
 * effective type the guest gets with its own stage-1 attribute (a key column). Runs of different
 * columns need not share boundaries, so the rows are the intervals between every boundary any column
 * has (stage-2 runs and effective runs), with neighbours merged while every column says the same.
 */
public final class CompareReport {
    public static final String FORMAT = "stage2scope-compare/2";

    /** Marks a cell that differs from the baseline column, and a row where any cell differs. */
    static final String MARK = "*";

    private CompareReport() {}

    /**
     * One compared row: its key columns (see each *Rows method), one cell per policy in the
     * evaluations' order (the words the text report prints), whether the columns disagree, and an effective
     * run carrying the guest's stage-1 attribute for the row (null for memslot rows and unmapped GPAs).
     */
    public record Row(String[] key, List<Object> cellsJson, List<String> cells, boolean differs, EffectiveRun stage1) {}

    /** A stage-2 cell: the column's run over the interval and the effective type there (null unless mapped). */
    record StageCell(String outcome, Integer slot, String type, String block, EffectiveRun effective) {
        String text() {
            if (outcome.equals("none")) {
                return "-";
            }
            return outcome.equals("mapped") ? type + " " + block + effectiveText(effective) : outcome;
        }

        JsonPrinter.Obj json() {
            return JsonPrinter.obj().put("outcome", outcome).put("slot", slot).put("type", type).put("block", block)
                    .put("effective", effectiveJson(effective));
        }

        /** Equal when the words and the effective type agree (an effective run's own GPA range does not matter). */
        boolean same(StageCell o) {
            return text().equals(o.text()) && Objects.equals(slot, o.slot) && Objects.equals(outcome, o.outcome);
        }
    }

    /** Headings of the key columns, shared with the window so both say the same. */
    public static final List<String> MEMSLOT_KEYS = List.of("#", "slot", "gpa", "size", "label");
    public static final List<String> STAGE2_KEYS = List.of("gpa start", "gpa end", "size", "guest stage 1");
    public static final List<String> ACCESS_KEYS = List.of("#", "gpa", "kind", "guest stage 1", "label");

    /** The arm64 policies side by side (the evaluations of one scenario, one per policy). */
    public static String text(List<Evaluation> evaluations) {
        return text(policies(evaluations));
    }

    public static String json(List<Evaluation> evaluations) {
        return json(policies(evaluations));
    }

    private static Comparison policies(List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        return Comparison.ofPolicies(evaluations.get(0).scenario(), evaluations);
    }

    public static String text(Comparison c) {
        return Texts.of(out -> text(c, out));
    }

    /**
     * Writes the text comparison to {@code out} as it is produced (the same text as {@link #text(Comparison)}):
     * each table's rows are made twice, to measure and to write, and never kept.
     */
    public static void text(Comparison c, Appendable out) throws IOException {
        Appendable sb = ControlChars.escaping(out); // names come from files: no raw escape reaches a terminal
        Scenario s = c.scenario();
        sb.append("Stage2Scope compare: ").append(s.title()).append('\n');
        sb.append("  host    ").append(s.host().arch().id()).append(", ").append(s.host().pageSize().id())
                .append(" pages, features: ").append(s.host().features().isEmpty() ? "none"
                        : ScenarioFacts.ids(s.host().features())).append('\n');
        if (!c.note().isEmpty()) {
            wrap(sb, c.note(), "  ", 100);
            for (Comparison.Column col : c.columns()) {
                sb.append("    ").append(col.id()).append(": ").append(col.description()).append('\n');
            }
        }
        sb.append("  ").append(MARK).append(" marks a result that differs from ").append(baselineWords(c)).append('\n');
        sb.append("  stage-2 cells read \"stage-2 type and block -> effective type\" (the guest's stage 1 combined with stage 2)\n");
        List<String> heads = c.heads();
        sb.append("\nMemslot calls\n");
        table(sb, MEMSLOT_KEYS, heads, sink -> memslotRows(c, sink), c.baseline());
        sb.append("\nStage-2 map\n");
        table(sb, STAGE2_KEYS, heads, sink -> stage2Rows(c, sink), c.baseline());
        sb.append("\nGuest accesses\n");
        table(sb, ACCESS_KEYS, heads, sink -> accessRows(c, sink), c.baseline());
    }

    /** "upstream (Linux 6.17+, what was merged)" or "intel-quirk (this scenario)". */
    public static String baselineWords(Comparison c) {
        String id = c.columns().get(c.baseline()).id();
        return id.equals(PolicyId.UPSTREAM.id()) ? id + " (Linux 6.17+, what was merged)"
                : c.note().isEmpty() ? id : id + " (this scenario)";
    }

    public static String json(Comparison c) {
        return Texts.of(out -> json(c, out));
    }

    /** Writes the JSON comparison to {@code out}, each row's object made as it is written (the same text as {@link #json(Comparison)}). */
    public static void json(Comparison c, Appendable out) throws IOException {
        List<Object> heads = JsonPrinter.list();
        heads.addAll(c.heads());
        List<Object> columns = JsonPrinter.list();
        for (Comparison.Column col : c.columns()) {
            columns.add(JsonPrinter.obj().put("id", col.id()).put("description", col.description()));
        }
        JsonPrinter.Obj root = JsonPrinter.obj()
                .put("format", FORMAT)
                .put("scenario", c.scenario().name())
                .put("arch", c.scenario().host().arch().id())
                .put("note", c.note().isEmpty() ? null : c.note())
                .put("policies", heads)
                .put("columns", columns)
                .put("baseline", c.heads().get(c.baseline()));
        root.put("memslotCalls", JsonPrinter.streamed(sink -> memslotRows(c, r -> sink.add(JsonPrinter.obj()
                .put("index", Integer.parseInt(r.key()[0])).put("slot", Integer.parseInt(r.key()[5]))
                .put("addressSpace", Integer.parseInt(r.key()[6])).put("label", r.key()[4])
                .put("results", byColumn(c, r.cellsJson())).put("differs", r.differs())))));
        root.put("stage2", JsonPrinter.streamed(sink -> stage2Rows(c, r -> sink.add(JsonPrinter.obj()
                .put("addressSpace", Integer.parseInt(r.key()[4])).put("gpaStart", r.key()[0])
                .put("gpaEnd", r.key()[1]).put("stage1", stage1Json(r.stage1()))
                .put("cells", byColumn(c, r.cellsJson())).put("differs", r.differs())))));
        root.put("accesses", JsonPrinter.streamed(sink -> accessRows(c, r -> sink.add(JsonPrinter.obj()
                .put("index", Integer.parseInt(r.key()[0])).put("gpa", r.key()[1]).put("kind", r.key()[2])
                .put("label", r.key()[4]).put("stage1", stage1Json(r.stage1()))
                .put("outcomes", byColumn(c, r.cellsJson())).put("differs", r.differs())))));
        JsonPrinter.print(root, out);
    }

    /** Receives the compared rows of one table, one at a time, in order. */
    interface RowSink {
        void add(Row row) throws IOException;
    }

    /** The rows a row-making method hands to its sink, gathered (the window and the review documents keep them). */
    private interface RowMaker {
        void make(RowSink sink) throws IOException;
    }

    private static List<Row> collect(RowMaker maker) {
        List<Row> rows = new ArrayList<>();
        try {
            maker.make(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // adding to a list does not fail
        }
        return rows;
    }

    private static JsonPrinter.Obj byColumn(Comparison c, List<Object> cells) {
        JsonPrinter.Obj o = JsonPrinter.obj();
        for (int i = 0; i < c.columns().size(); i++) {
            o.put(c.columns().get(i).id(), cells.get(i));
        }
        return o;
    }

    /** The stage-2 type, with Intel's IPAT bit when set ("WB+IPAT"): on x86 it decides whether the guest PAT counts. */
    private static String typeText(Stage2Entry s2) {
        return Boolean.TRUE.equals(s2.ipat()) ? s2.type() + "+IPAT" : s2.type();
    }

    private static String effectiveText(EffectiveRun e) {
        return e == null ? "" : " -> " + e.name();
    }

    private static JsonPrinter.Obj effectiveJson(EffectiveRun e) {
        return e == null ? null : JsonPrinter.obj().put("result", e.result()).put("name", e.name())
                .put("class", e.memClass().name()).put("rule", e.rule().id());
    }

    private static JsonPrinter.Obj stage1Json(EffectiveRun e) {
        return e == null ? null : JsonPrinter.obj().put("attr", e.stage1().id()).put("name", stage1Name(e))
                .put("assumed", e.stage1Assumed());
    }

    /** "0x04 Device-nGnRE", "0xff Normal WB RAWA (assumed)", "WC"; "-" where no column maps the GPA. */
    static String stage1Text(EffectiveRun e) {
        if (e == null) {
            return "-";
        }
        String t = e.stage1() instanceof Stage1Attr.Mair ? e.stage1().id() + " " + stage1Name(e) : e.stage1().id();
        return e.stage1Assumed() ? t + " (assumed)" : t;
    }

    private static String stage1Name(EffectiveRun e) {
        return e.stage1() instanceof Stage1Attr.Mair m ? AttrNames.mair(m.value()) : "PAT " + e.stage1().id();
    }

    public static List<Row> memslotRows(List<Evaluation> evaluations) {
        return memslotRows(policies(evaluations));
    }

    /** key: index, slot name, gpa, size, label, slot, addressSpace. */
    public static List<Row> memslotRows(Comparison c) {
        return collect(sink -> memslotRows(c, sink));
    }

    /** The memslot rows, each made when the sink takes it. */
    static void memslotRows(Comparison c, RowSink rows) throws IOException {
        List<Evaluation> evaluations = c.evaluations();
        List<MemslotCall> calls = c.scenario().memslots();
        List<MemslotResult[]> byIndex = new ArrayList<>();
        for (Evaluation e : evaluations) {
            MemslotResult[] a = new MemslotResult[calls.size()];
            for (MemslotResult r : e.memslotCalls()) {
                if (r.index() >= 0 && r.index() < a.length) {
                    a[r.index()] = r;
                }
            }
            byIndex.add(a);
        }
        for (int i = 0; i < calls.size(); i++) {
            MemslotCall call = calls.get(i);
            List<String> cells = new ArrayList<>();
            List<Object> json = new ArrayList<>();
            for (MemslotResult[] results : byIndex) {
                MemslotResult r = results[i];
                String cell = r == null ? "not replayed" : r.resultName();
                cells.add(cell);
                json.add(r == null ? null : JsonPrinter.obj().put("change", r.change() == null ? null : r.change().name())
                        .put("result", r.resultName()).put("rule", r.rule().id()));
            }
            rows.add(new Row(new String[] {String.valueOf(i), ReportText.slotName(call), U64.hex(call.gpa()), U64.size(call.size()),
                    call.label(), String.valueOf(call.slot()), String.valueOf(call.addressSpace())}, json, cells, differs(cells), null));
        }
    }

    public static List<Row> stage2Rows(List<Evaluation> evaluations) {
        return stage2Rows(policies(evaluations));
    }

    /** key: gpa start, gpa end (exclusive), size, guest stage 1, addressSpace. */
    public static List<Row> stage2Rows(Comparison c) {
        return collect(sink -> stage2Rows(c, sink));
    }

    /** The stage-2 rows, each made when the sink takes it (one sweep over every column's boundaries). */
    static void stage2Rows(Comparison c, RowSink rows) throws IOException {
        List<Evaluation> evaluations = c.evaluations();
        List<Effective> effective = evaluations.stream().map(Effective::new).toList();
        TreeSet<Integer> spaces = new TreeSet<>();
        evaluations.forEach(e -> e.stage2().forEach(r -> spaces.add(r.addressSpace())));
        for (int as : spaces) {
            List<List<Stage2Run>> perPolicy = new ArrayList<>();
            TreeSet<BigInteger> bounds = new TreeSet<>();
            for (Evaluation e : evaluations) {
                List<Stage2Run> runs = new ArrayList<>();
                for (Stage2Run r : e.stage2()) {
                    if (r.addressSpace() == as) {
                        runs.add(r);
                        bounds.add(start(r));
                        bounds.add(end(r));
                    }
                }
                runs.sort((a, b) -> U64.compare(a.gpa(), b.gpa()));
                perPolicy.add(runs);
            }
            if (as == 0) {
                // Effective runs split a stage-2 run where the guest's stage-1 attribute changes.
                for (Effective e : effective) {
                    e.bounds(bounds);
                }
            }
            // One sweep over the boundaries; each column's runs are disjoint (slots of one address
            // space never overlap), so a cursor per column finds the run covering each interval.
            int[] cursor = new int[evaluations.size()];
            BigInteger runStart = null;
            List<StageCell> runCells = null;
            EffectiveRun runStage1 = null;
            BigInteger prev = null;
            for (BigInteger b : bounds) {
                if (prev != null) {
                    List<StageCell> cells = new ArrayList<>();
                    EffectiveRun stage1 = null;
                    for (int p = 0; p < perPolicy.size(); p++) {
                        EffectiveRun eff = as == 0 ? effective.get(p).at(prev) : null;
                        cells.add(cellAt(perPolicy.get(p), cursor, p, prev, eff));
                        stage1 = stage1 == null ? eff : stage1;
                    }
                    boolean empty = cells.stream().allMatch(x -> x.outcome().equals("none"));
                    if (runCells != null && (empty || !same(cells, runCells) || !sameStage1(stage1, runStage1))) {
                        rows.add(stageRow(as, runStart, prev, runCells, runStage1));
                        runCells = null;
                    }
                    if (!empty && runCells == null) {
                        runStart = prev;
                        runCells = cells;
                        runStage1 = stage1;
                    }
                }
                prev = b;
            }
            if (runCells != null) {
                rows.add(stageRow(as, runStart, prev, runCells, runStage1));
            }
        }
    }

    private static boolean same(List<StageCell> a, List<StageCell> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).same(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameStage1(EffectiveRun a, EffectiveRun b) {
        return a == null ? b == null : b != null && stage1Text(a).equals(stage1Text(b));
    }

    /** One column's effective runs (address space 0) in GPA order, found by binary search. */
    private static final class Effective {
        private final List<EffectiveRun> runs;

        Effective(Evaluation e) {
            List<EffectiveRun> sorted = new ArrayList<>(e.effective());
            sorted.sort((a, b) -> U64.compare(a.gpa(), b.gpa()));
            runs = sorted;
        }

        void bounds(TreeSet<BigInteger> into) {
            for (EffectiveRun r : runs) {
                BigInteger s = ReportValues.unsigned(r.gpa());
                into.add(s);
                into.add(s.add(ReportValues.unsigned(r.size())));
            }
        }

        EffectiveRun at(BigInteger gpa) {
            int lo = 0;
            int hi = runs.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                EffectiveRun r = runs.get(mid);
                BigInteger s = ReportValues.unsigned(r.gpa());
                if (gpa.compareTo(s) < 0) {
                    hi = mid - 1;
                } else if (gpa.compareTo(s.add(ReportValues.unsigned(r.size()))) >= 0) {
                    lo = mid + 1;
                } else {
                    return r;
                }
            }
            return null;
        }
    }

    private static BigInteger start(Stage2Run r) {
        return ReportValues.unsigned(r.gpa());
    }

    private static BigInteger end(Stage2Run r) {
        return start(r).add(ReportValues.unsigned(r.size()));
    }

    private static Row stageRow(int as, BigInteger start, BigInteger end, List<StageCell> cells, EffectiveRun stage1) {
        List<String> text = cells.stream().map(StageCell::text).toList();
        List<Object> json = new ArrayList<>();
        cells.forEach(c -> json.add(c.json()));
        BigInteger size = end.subtract(start);
        String sizeText = size.bitLength() > 64 ? "16E" : U64.size(size.longValue());
        return new Row(new String[] {ReportValues.hex(start), ReportValues.hex(end), sizeText, stage1Text(stage1), String.valueOf(as)},
                json, text, differs(text), stage1);
    }

    /** The cell of column {@code p} at {@code gpa}; advances that column's cursor past runs ending at or before it. */
    private static StageCell cellAt(List<Stage2Run> runs, int[] cursor, int p, BigInteger gpa, EffectiveRun eff) {
        while (cursor[p] < runs.size() && end(runs.get(cursor[p])).compareTo(gpa) <= 0) {
            cursor[p]++;
        }
        if (cursor[p] < runs.size() && start(runs.get(cursor[p])).compareTo(gpa) <= 0) {
            Stage2Run r = runs.get(cursor[p]);
            return r.s2() == null
                    ? new StageCell(r.outcome().id(), r.slot(), null, null, null)
                    : new StageCell(r.outcome().id(), r.slot(), typeText(r.s2()), U64.size(r.s2().blockSize()), eff);
        }
        return new StageCell("none", null, null, null, null);
    }

    public static List<Row> accessRows(List<Evaluation> evaluations) {
        return accessRows(policies(evaluations));
    }

    /** key: index, gpa, kind, guest stage 1, label. */
    public static List<Row> accessRows(Comparison c) {
        return collect(sink -> accessRows(c, sink));
    }

    /** The access rows, each made when the sink takes it. */
    static void accessRows(Comparison c, RowSink rows) throws IOException {
        List<Evaluation> evaluations = c.evaluations();
        List<Effective> effective = evaluations.stream().map(Effective::new).toList();
        List<GuestAccess> accesses = c.scenario().guest().accesses();
        List<AccessResult[]> byIndex = new ArrayList<>();
        for (Evaluation e : evaluations) {
            AccessResult[] a = new AccessResult[accesses.size()];
            for (AccessResult r : e.accesses()) {
                if (r.index() >= 0 && r.index() < a.length) {
                    a[r.index()] = r;
                }
            }
            byIndex.add(a);
        }
        for (int i = 0; i < accesses.size(); i++) {
            GuestAccess a = accesses.get(i);
            BigInteger gpa = ReportValues.unsigned(a.gpa());
            List<String> cells = new ArrayList<>();
            List<Object> json = new ArrayList<>();
            EffectiveRun stage1 = null;
            for (int p = 0; p < byIndex.size(); p++) {
                AccessResult r = byIndex.get(p)[i];
                EffectiveRun eff = effective.get(p).at(gpa);
                stage1 = stage1 == null ? eff : stage1;
                String outcome = r == null ? "not simulated" : ReportValues.outcome(r.outcome());
                String type = r == null || r.s2() == null ? null : typeText(r.s2());
                // The effective type belongs to a mapped access only; a refused one gets none.
                EffectiveRun shown = type == null ? null : eff;
                // A mapped access is its types ("Normal-WB -> Normal-WB"); only MAPPED has a type, so the
                // word "mapped" would add width and nothing else (the JSON keeps the outcome).
                cells.add(type == null ? outcome : type + effectiveText(shown));
                json.add(r == null ? null : JsonPrinter.obj().put("outcome", outcome).put("type", type).put("rule", r.rule().id())
                        .put("effective", effectiveJson(shown)));
            }
            rows.add(new Row(new String[] {String.valueOf(i), U64.hex(a.gpa()), a.kind().id(), stage1Text(stage1), a.label()},
                    json, cells, differs(cells), stage1));
        }
    }

    /** Appends {@code text} in lines of at most {@code width} characters (words are never split). */
    private static void wrap(Appendable sb, String text, String indent, int width) throws IOException {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        sb.append(line).append('\n');
    }

    private static boolean differs(List<String> cells) {
        return cells.stream().distinct().count() > 1;
    }

    private static void table(Appendable sb, List<String> keyHeads, List<String> policyHeads, RowMaker rows, int baseline)
            throws IOException {
        int keys = keyHeads.size();
        String[] head = new String[1 + keys + policyHeads.size()];
        head[0] = "";
        for (int i = 0; i < keys; i++) {
            head[1 + i] = keyHeads.get(i);
        }
        for (int i = 0; i < policyHeads.size(); i++) {
            head[1 + keys + i] = policyHeads.get(i);
        }
        boolean any = TextTable.write(sb, "  ", head, t -> rows.make(r -> {
            Object[] cells = new Object[head.length];
            cells[0] = r.differs() ? MARK : "";
            System.arraycopy(r.key(), 0, cells, 1, keys);
            for (int i = 0; i < policyHeads.size(); i++) {
                String c = r.cells().get(i);
                cells[1 + keys + i] = Objects.equals(c, r.cells().get(baseline)) ? c : c + " " + MARK;
            }
            t.row(cells);
        }));
        if (!any) {
            sb.append("  none\n");
        }
    }
}
