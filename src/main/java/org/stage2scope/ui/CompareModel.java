package org.stage2scope.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.io.CompareReport;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * The compare window's tables. The rows, the stage-2 interval split and the "differs" flag are
 * {@link CompareReport}'s (read back from its public JSON form, so the window and {@code stage2scope compare}
 * can never disagree); this class only turns cells into the same words the text report prints.
 */
public final class CompareModel {
    /** One table: key columns, then one column per policy. */
    public record Table(String title, List<String> keyHeads, List<String> policies, List<Row> rows) {
        public int column(PolicyId p) {
            return policies.indexOf(p.id());
        }
    }

    /**
     * @param cells         one per policy, in {@link Table#policies} order
     * @param differs       the policies do not all agree (CompareReport's verdict)
     * @param offUpstream   per policy: this cell differs from the upstream column
     */
    public record Row(List<String> key, List<String> cells, boolean differs, List<Boolean> offUpstream) {
        public String cell(Table t, PolicyId p) {
            return cells.get(t.column(p));
        }

        public boolean offUpstream(Table t, PolicyId p) {
            return offUpstream.get(t.column(p));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scenario scenario;
    private final Table memslots;
    private final Table stage2;
    private final Table accesses;

    private CompareModel(Scenario scenario, Table memslots, Table stage2, Table accesses) {
        this.scenario = scenario;
        this.memslots = memslots;
        this.stage2 = stage2;
        this.accesses = accesses;
    }

    public static CompareModel of(List<Evaluation> evaluations) {
        JsonNode root;
        try {
            root = JSON.readTree(CompareReport.json(evaluations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scenario s = evaluations.get(0).scenario();
        List<String> policies = new ArrayList<>();
        root.get("policies").forEach(p -> policies.add(p.asText()));
        int up = Math.max(0, policies.indexOf(PolicyId.UPSTREAM.id()));

        List<Row> calls = new ArrayList<>();
        for (JsonNode r : root.get("memslotCalls")) {
            MemslotCall c = s.memslots().get(r.get("index").asInt());
            List<String> cells = new ArrayList<>();
            for (String p : policies) {
                JsonNode cell = r.get("results").get(p);
                cells.add(cell == null || cell.isNull() ? "not replayed" : cell.get("result").asText());
            }
            String slot = c.addressSpace() == 0 ? String.valueOf(c.slot()) : c.addressSpace() + ":" + c.slot();
            calls.add(row(List.of(r.get("index").asText(), slot, U64.hex(c.gpa()), U64.size(c.size()), c.label()), cells,
                    r.get("differs").asBoolean(), up));
        }
        List<Row> runs = new ArrayList<>();
        for (JsonNode r : root.get("stage2")) {
            List<String> cells = new ArrayList<>();
            for (String p : policies) {
                cells.add(stageCell(r.get("cells").get(p)));
            }
            String start = r.get("gpaStart").asText();
            String end = r.get("gpaEnd").asText();
            runs.add(row(List.of(start, end, size(start, end)), cells, r.get("differs").asBoolean(), up));
        }
        List<Row> acc = new ArrayList<>();
        for (JsonNode r : root.get("accesses")) {
            List<String> cells = new ArrayList<>();
            for (String p : policies) {
                JsonNode cell = r.get("outcomes").get(p);
                if (cell == null || cell.isNull()) {
                    cells.add("not simulated");
                } else {
                    String type = cell.path("type").isTextual() ? cell.get("type").asText() : null;
                    cells.add(cell.get("outcome").asText() + (type == null ? "" : " " + type));
                }
            }
            acc.add(row(List.of(r.get("index").asText(), r.get("gpa").asText(), r.get("kind").asText(), r.get("label").asText()),
                    cells, r.get("differs").asBoolean(), up));
        }
        return new CompareModel(s,
                new Table("Memslot calls", List.of("#", "slot", "gpa", "size", "label"), policies, List.copyOf(calls)),
                new Table("Stage-2 map", List.of("gpa start", "gpa end", "size"), policies, List.copyOf(runs)),
                new Table("Guest accesses", List.of("#", "gpa", "kind", "label"), policies, List.copyOf(acc)));
    }

    private static Row row(List<String> key, List<String> cells, boolean differs, int up) {
        List<Boolean> off = new ArrayList<>();
        for (String c : cells) {
            off.add(!c.equals(cells.get(up)));
        }
        return new Row(key, List.copyOf(cells), differs, List.copyOf(off));
    }

    /** Same words as the text report: "-" unmapped, "Normal-WB 2M" mapped, else the outcome (EFAULT, SIGBUS). */
    private static String stageCell(JsonNode c) {
        String outcome = c.get("outcome").asText();
        if (outcome.equals("none")) {
            return "-";
        }
        return outcome.equals("mapped") ? c.get("type").asText() + " " + c.get("block").asText() : outcome;
    }

    private static String size(String start, String end) {
        BigInteger size = hex(end).subtract(hex(start));
        return size.bitLength() > 64 ? "16E" : U64.size(size.longValue());
    }

    private static BigInteger hex(String h) {
        return new BigInteger(h.startsWith("0x") ? h.substring(2) : h, 16);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Table memslots() {
        return memslots;
    }

    public Table stage2() {
        return stage2;
    }

    public Table accesses() {
        return accesses;
    }

    public List<Table> tables() {
        return List.of(memslots, stage2, accesses);
    }
}
