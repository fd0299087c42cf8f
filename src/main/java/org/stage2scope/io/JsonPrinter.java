package org.stage2scope.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical JSON layout of scenario files and reports, so files diff well and reports can be
 * compared byte for byte: 2-space indent, one field per line, {@code "key": value}, arrays of
 * scalars on one line, arrays of objects one object per line block, a final newline.
 *
 * <p>Values are {@link Obj}, {@link List}, {@link String}, {@link Boolean}, {@link Integer},
 * {@link Long} (printed signed: callers print addresses as hex strings) or null.
 */
public final class JsonPrinter {
    private JsonPrinter() {}

    /** An ordered JSON object under construction. */
    public static final class Obj {
        final Map<String, Object> fields = new LinkedHashMap<>();

        public Obj put(String key, Object value) {
            fields.put(key, value);
            return this;
        }
    }

    public static Obj obj() {
        return new Obj();
    }

    public static List<Object> list() {
        return new ArrayList<>();
    }

    /** Receives the elements of a {@link #streamed} array one at a time. */
    public interface Sink {
        void add(Object element) throws IOException;
    }

    /** Produces the elements of a {@link #streamed} array, handing each to the sink as it is built. */
    public interface Elements {
        void each(Sink sink) throws IOException;
    }

    /** An array value whose elements are produced while it is written; see {@link #streamed}. */
    private record Streamed(Elements elements) {}

    /**
     * An array of objects (or arrays) that is built while it is printed, one element at a time, so a
     * report with hundreds of thousands of rows never holds them all: laid out as a list of the same
     * elements would be. Only {@link #print(Object, Appendable)} consumes it element by element.
     */
    public static Object streamed(Elements elements) {
        return new Streamed(elements);
    }

    public static String print(Object value) {
        return Texts.of(out -> print(value, out));
    }

    /** Writes {@code value} and the final newline to {@code out} as it goes, the same text {@link #print(Object)} returns. */
    public static void print(Object value, Appendable out) throws IOException {
        write(out, value, 0);
        out.append('\n');
    }

    private static void write(Appendable sb, Object value, int indent) throws IOException {
        if (value instanceof Obj o) {
            if (o.fields.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : o.fields.entrySet()) {
                pad(sb, indent + 1);
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent + 1);
                sb.append(++i < o.fields.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append('}');
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            boolean scalars = l.stream().noneMatch(v -> v instanceof Obj || v instanceof List);
            if (scalars) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ", ");
                    write(sb, l.get(i), indent);
                }
                sb.append(']');
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                pad(sb, indent + 1);
                write(sb, l.get(i), indent + 1);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            pad(sb, indent);
            sb.append(']');
        } else if (value instanceof Streamed st) {
            boolean[] any = {false};
            st.elements().each(element -> {
                if (!(element instanceof Obj || element instanceof List)) {
                    throw new IllegalArgumentException("a streamed array holds objects or arrays, not " + element);
                }
                sb.append(any[0] ? ",\n" : "[\n");
                any[0] = true;
                pad(sb, indent + 1);
                write(sb, element, indent + 1);
            });
            if (!any[0]) {
                sb.append("[]");
                return;
            }
            sb.append('\n');
            pad(sb, indent);
            sb.append(']');
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value.toString());
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    private static void pad(Appendable sb, int indent) throws IOException {
        sb.append("  ".repeat(indent));
    }

    static void string(Appendable sb, String s) throws IOException {
        if (plain(s)) { // most strings need no escape: one append instead of one per character
            sb.append('"').append(s).append('"');
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
