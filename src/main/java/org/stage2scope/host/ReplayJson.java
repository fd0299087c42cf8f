package org.stage2scope.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/** The replay as {@value #FORMAT}: summary, notes and one object per call, fields in a fixed order. */
public final class ReplayJson {
    public static final String FORMAT = "stage2scope-replay/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReplayJson() {}

    public static String render(ReplayReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("scenario", r.scenario());
        root.put("kernel", r.release());
        root.put("ran", r.blocker() == null);
        root.put("blocker", r.blocker());
        ObjectNode summary = root.putObject("summary");
        summary.put("calls", r.calls().size());
        summary.put("issued", r.issued());
        summary.put("agree", r.agreed());
        summary.put("disagree", r.disagreed());
        summary.put("notReproduced", r.calls().size() - r.issued());
        summary.put("exitCode", r.exitCode());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode calls = root.putArray("calls");
        for (CallVerdict v : r.calls()) {
            MemslotCall c = v.predicted().call();
            ObjectNode o = calls.addObject();
            o.put("index", v.predicted().index());
            o.put("slot", c.slot());
            o.put("addressSpace", c.addressSpace());
            o.put("gpa", U64.hex(c.gpa()));
            o.put("size", U64.hex(c.size()));
            o.put("hva", U64.hex(c.hva()));
            o.put("hvaIssued", v.wasIssued() ? U64.hex(v.hvaIssued()) : null);
            o.put("flags", Flags.names(c));
            o.put("predicted", v.predictedName());
            o.put("predictedRule", v.predicted().rule().id());
            o.put("kernel", v.wasIssued() ? v.kernelName() : null);
            o.put("verdict", v.verdict());
            o.put("notReproduced", v.notIssued());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }
}
