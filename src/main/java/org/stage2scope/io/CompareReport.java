package org.stage2scope.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * One scenario under every policy, side by side (docs/report-format.md, {@value #FORMAT}). Rows are
 * the memslot calls, the stage-2 GPA intervals and the accesses; columns are the policies. Stage-2
 * runs of different policies need not share boundaries, so the rows are the intervals between every
 * boundary any policy has, with neighbours merged while every policy says the same.
 */
public final class CompareReport {
    public static final String FORMAT = "stage2scope-compare/1";

    /** Marks a cell that differs from the upstream column, and a row where any cell differs. */
    static final String MARK = "*";

    private CompareReport() {}

    /**
     * One compared row: its key columns (see each *Rows method), one cell per policy in the
     * evaluations' order (the words the text report prints), and whether the policies disagree.
     */
    public record Row(String[] key, List<Object> cellsJson, List<String> cells, boolean differs) {}

    record StageCell(String outcome, Integer slot, String type, String block) {
        String text() {
            if (outcome.equals("none")) {
                return "-";
            }
            return outcome.equals("mapped") ? type + " " + block : outcome;
        }

        JsonPrinter.Obj json() {
            return JsonPrinter.obj().put("outcome", outcome).put("slot", slot).put("type", type).put("block", block);
        }
    }

    public static String text(List<Evaluation> evaluations) {
        check(evaluations);
        Scenario s = evaluations.get(0).scenario();
        StringBuilder sb = new StringBuilder();
        sb.append("Stage2Scope compare: ").append(s.name().isEmpty() ? "(unnamed scenario)" : s.name()).append('\n');
        sb.append("  host    ").append(s.host().arch().id()).append(", ").append(s.host().pageSize().id())
                .append(" pages, features: ").append(s.host().features().isEmpty() ? "none"
                        : String.join(" ", ObjectReader.names(s.host().features().stream().sorted().toList()))).append('\n');
        sb.append("  ").append(MARK).append(" marks a result that differs from upstream (Linux 6.17+, what was merged)\n");
        List<String> policyHeads = evaluations.stream().map(e -> e.policy().id()).toList();

        sb.append("\nMemslot calls\n");
        table(sb, new String[] {"#", "slot", "gpa", "size", "label"}, policyHeads, memslotRows(evaluations), upstream(evaluations));
        sb.append("\nStage-2 map\n");
        table(sb, new String[] {"gpa start", "gpa end", "size"}, policyHeads, stage2Rows(evaluations), upstream(evaluations));
        sb.append("\nGuest accesses\n");
        table(sb, new String[] {"#", "gpa", "kind", "label"}, policyHeads, accessRows(evaluations), upstream(evaluations));
        return sb.toString();
    }

    public static String json(List<Evaluation> evaluations) {
        check(evaluations);
        List<Object> policies = JsonPrinter.list();
        evaluations.forEach(e -> policies.add(e.policy().id()));
        JsonPrinter.Obj root = JsonPrinter.obj()
                .put("format", FORMAT)
                .put("scenario", evaluations.get(0).scenario().name())
                .put("policies", policies);
        List<Object> calls = JsonPrinter.list();
        for (Row r : memslotRows(evaluations)) {
            calls.add(JsonPrinter.obj().put("index", Integer.parseInt(r.key()[0])).put("slot", Integer.parseInt(r.key()[5]))
                    .put("addressSpace", Integer.parseInt(r.key()[6])).put("label", r.key()[4])
                    .put("results", byPolicy(evaluations, r.cellsJson())).put("differs", r.differs()));
        }
        root.put("memslotCalls", calls);
        List<Object> runs = JsonPrinter.list();
        for (Row r : stage2Rows(evaluations)) {
            runs.add(JsonPrinter.obj().put("addressSpace", Integer.parseInt(r.key()[3])).put("gpaStart", r.key()[0])
                    .put("gpaEnd", r.key()[1]).put("cells", byPolicy(evaluations, r.cellsJson())).put("differs", r.differs()));
        }
        root.put("stage2", runs);
        List<Object> accesses = JsonPrinter.list();
        for (Row r : accessRows(evaluations)) {
            accesses.add(JsonPrinter.obj().put("index", Integer.parseInt(r.key()[0])).put("gpa", r.key()[1]).put("kind", r.key()[2])
                    .put("label", r.key()[3]).put("outcomes", byPolicy(evaluations, r.cellsJson())).put("differs", r.differs()));
        }
        root.put("accesses", accesses);
        return JsonPrinter.print(root);
    }

    private static JsonPrinter.Obj byPolicy(List<Evaluation> evaluations, List<Object> cells) {
        JsonPrinter.Obj o = JsonPrinter.obj();
        for (int i = 0; i < evaluations.size(); i++) {
            o.put(evaluations.get(i).policy().id(), cells.get(i));
        }
        return o;
    }

    private static void check(List<Evaluation> evaluations) {
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        Scenario s = evaluations.get(0).scenario();
        for (Evaluation e : evaluations) {
            if (!e.scenario().equals(s)) {
                throw new IllegalArgumentException("evaluations of different scenarios cannot be compared");
            }
        }
    }

    private static int upstream(List<Evaluation> evaluations) {
        for (int i = 0; i < evaluations.size(); i++) {
            if (evaluations.get(i).policy() == PolicyId.UPSTREAM) {
                return i;
            }
        }
        return 0;
    }

    /** key: index, slot name, gpa, size, label, slot, addressSpace. */
    public static List<Row> memslotRows(List<Evaluation> evaluations) {
        List<Row> rows = new ArrayList<>();
        List<MemslotCall> calls = evaluations.get(0).scenario().memslots();
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
            MemslotCall c = calls.get(i);
            List<String> cells = new ArrayList<>();
            List<Object> json = new ArrayList<>();
            for (MemslotResult[] results : byIndex) {
                MemslotResult r = results[i];
                String cell = r == null ? "not replayed" : r.resultName();
                cells.add(cell);
                json.add(r == null ? null : JsonPrinter.obj().put("change", r.change() == null ? null : r.change().name())
                        .put("result", r.resultName()).put("rule", r.rule().id()));
            }
            rows.add(new Row(new String[] {String.valueOf(i), ReportText.slotName(c), U64.hex(c.gpa()), U64.size(c.size()),
                    c.label(), String.valueOf(c.slot()), String.valueOf(c.addressSpace())}, json, cells, differs(cells)));
        }
        return rows;
    }

    /** key: gpa start, gpa end (exclusive), size, addressSpace. */
    public static List<Row> stage2Rows(List<Evaluation> evaluations) {
        TreeSet<Integer> spaces = new TreeSet<>();
        evaluations.forEach(e -> e.stage2().forEach(r -> spaces.add(r.addressSpace())));
        List<Row> rows = new ArrayList<>();
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
            // One sweep over the boundaries; each policy's runs are disjoint (slots of one address
            // space never overlap), so a cursor per policy finds the run covering each interval.
            int[] cursor = new int[evaluations.size()];
            BigInteger runStart = null;
            List<StageCell> runCells = null;
            BigInteger prev = null;
            for (BigInteger b : bounds) {
                if (prev != null) {
                    List<StageCell> cells = new ArrayList<>();
                    for (int p = 0; p < perPolicy.size(); p++) {
                        cells.add(cellAt(perPolicy.get(p), cursor, p, prev));
                    }
                    boolean empty = cells.stream().allMatch(c -> c.outcome().equals("none"));
                    if (runCells != null && (empty || !cells.equals(runCells))) {
                        rows.add(stageRow(as, runStart, prev, runCells));
                        runCells = null;
                    }
                    if (!empty && runCells == null) {
                        runStart = prev;
                        runCells = cells;
                    }
                }
                prev = b;
            }
            if (runCells != null) {
                rows.add(stageRow(as, runStart, prev, runCells));
            }
        }
        return rows;
    }

    private static BigInteger start(Stage2Run r) {
        return ReportValues.unsigned(r.gpa());
    }

    private static BigInteger end(Stage2Run r) {
        return start(r).add(ReportValues.unsigned(r.size()));
    }

    private static Row stageRow(int as, BigInteger start, BigInteger end, List<StageCell> cells) {
        List<String> text = cells.stream().map(StageCell::text).toList();
        List<Object> json = new ArrayList<>();
        cells.forEach(c -> json.add(c.json()));
        BigInteger size = end.subtract(start);
        String sizeText = size.bitLength() > 64 ? "16E" : U64.size(size.longValue());
        return new Row(new String[] {ReportValues.hex(start), ReportValues.hex(end), sizeText, String.valueOf(as)}, json, text,
                differs(text));
    }

    /** The cell of policy {@code p} at {@code gpa}; advances that policy's cursor past runs ending at or before it. */
    private static StageCell cellAt(List<Stage2Run> runs, int[] cursor, int p, BigInteger gpa) {
        while (cursor[p] < runs.size() && end(runs.get(cursor[p])).compareTo(gpa) <= 0) {
            cursor[p]++;
        }
        if (cursor[p] < runs.size() && start(runs.get(cursor[p])).compareTo(gpa) <= 0) {
            Stage2Run r = runs.get(cursor[p]);
            return r.s2() == null
                    ? new StageCell(r.outcome().id(), r.slot(), null, null)
                    : new StageCell(r.outcome().id(), r.slot(), r.s2().type(), U64.size(r.s2().blockSize()));
        }
        return new StageCell("none", null, null, null);
    }

    /** key: index, gpa, kind, label. */
    public static List<Row> accessRows(List<Evaluation> evaluations) {
        List<Row> rows = new ArrayList<>();
        List<GuestAccess> accesses = evaluations.get(0).scenario().guest().accesses();
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
            List<String> cells = new ArrayList<>();
            List<Object> json = new ArrayList<>();
            for (AccessResult[] results : byIndex) {
                AccessResult r = results[i];
                String outcome = r == null ? "not simulated" : ReportValues.outcome(r.outcome());
                String type = r == null || r.s2() == null ? null : r.s2().type();
                cells.add(type == null ? outcome : outcome + " " + type);
                json.add(r == null ? null : JsonPrinter.obj().put("outcome", outcome).put("type", type).put("rule", r.rule().id()));
            }
            rows.add(new Row(new String[] {String.valueOf(i), U64.hex(a.gpa()), a.kind().id(), a.label()}, json, cells, differs(cells)));
        }
        return rows;
    }

    private static boolean differs(List<String> cells) {
        return cells.stream().distinct().count() > 1;
    }

    private static void table(StringBuilder sb, String[] keyHeads, List<String> policyHeads, List<Row> rows, int baseline) {
        if (rows.isEmpty()) {
            sb.append("  none\n");
            return;
        }
        String[] head = new String[1 + keyHeads.length + policyHeads.size()];
        head[0] = "";
        System.arraycopy(keyHeads, 0, head, 1, keyHeads.length);
        for (int i = 0; i < policyHeads.size(); i++) {
            head[1 + keyHeads.length + i] = policyHeads.get(i);
        }
        TextTable t = new TextTable(head);
        for (Row r : rows) {
            Object[] cells = new Object[head.length];
            cells[0] = r.differs() ? MARK : "";
            System.arraycopy(r.key(), 0, cells, 1, keyHeads.length);
            for (int i = 0; i < policyHeads.size(); i++) {
                String c = r.cells().get(i);
                cells[1 + keyHeads.length + i] = Objects.equals(c, r.cells().get(baseline)) ? c : c + " " + MARK;
            }
            t.row(cells);
        }
        t.appendTo(sb, "  ");
    }
}
