package org.stage2scope.host;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.U64;

/** The replay as {@value #FORMAT}: summary, notes and one object per call, fields in a fixed order. */
public final class ReplayJson {
    public static final String FORMAT = "stage2scope-replay/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReplayJson() {}

    public static String render(ReplayReport r) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("scenario", r.scenario());
            g.writeStringField("kernel", r.release());
            g.writeBooleanField("ran", r.blocker() == null);
            g.writeStringField("blocker", r.blocker());
            g.writeObjectFieldStart("summary");
            g.writeNumberField("calls", r.calls().size());
            g.writeNumberField("issued", r.issued());
            g.writeNumberField("agree", r.agreed());
            g.writeNumberField("disagree", r.disagreed());
            g.writeNumberField("notReproduced", r.calls().size() - r.issued());
            g.writeNumberField("exitCode", r.exitCode());
            g.writeEndObject();
            g.writeArrayFieldStart("notes");
            for (String n : r.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("calls");
            for (CallVerdict v : r.calls()) {
                call(g, v);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return w + "\n";
    }

    private static void call(JsonGenerator g, CallVerdict v) throws IOException {
        MemslotCall c = v.predicted().call();
        g.writeStartObject();
        g.writeNumberField("index", v.predicted().index());
        g.writeNumberField("slot", c.slot());
        g.writeNumberField("addressSpace", c.addressSpace());
        g.writeStringField("gpa", U64.hex(c.gpa()));
        g.writeStringField("size", U64.hex(c.size()));
        g.writeStringField("hva", U64.hex(c.hva()));
        g.writeStringField("hvaIssued", v.wasIssued() ? U64.hex(v.hvaIssued()) : null);
        g.writeStringField("flags", Flags.names(c));
        g.writeStringField("predicted", v.predictedName());
        g.writeStringField("predictedRule", v.predicted().rule().id());
        g.writeStringField("kernel", v.wasIssued() ? v.kernelName() : null);
        g.writeStringField("verdict", v.verdict());
        g.writeStringField("notReproduced", v.notIssued());
        g.writeEndObject();
    }
}
