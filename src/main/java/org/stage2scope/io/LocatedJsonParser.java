package org.stage2scope.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (no comments, no trailing commas, no duplicate keys, nothing after the root value)
 * into a {@link JsonNodeAt} tree that remembers where each value starts. Jackson's messages are
 * rewritten into plain sentences; its location becomes the exception's line and column.
 */
final class LocatedJsonParser {
    static final int MAX_DEPTH = 200;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Any string the 64 MiB file limit lets through is valid (Jackson's own cap is 20,000,000 chars);
            // a number longer than Jackson's 1,000 digits is no address or size, so that cap stays.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength((int) ScenarioReader.MAX_BYTES).build())
            .build();

    private final String source;
    private final JsonParser parser;

    private LocatedJsonParser(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    static JsonNodeAt parse(String text, String source) throws ScenarioException {
        if (text.isBlank()) {
            throw new ScenarioException(source, "", 1, 1,
                    "the file is empty; expected a JSON object starting with {\"format\": \"" + ScenarioReader.FORMAT + "\"");
        }
        JsonParser p;
        try {
            p = FACTORY.createParser(text);
        } catch (IOException e) {
            throw new ScenarioException(source, "", 0, 0, "cannot read the JSON: " + e.getMessage());
        }
        try (p) {
            LocatedJsonParser lp = new LocatedJsonParser(source, p);
            JsonToken first = p.nextToken();
            JsonNodeAt root = lp.value(first, "");
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new ScenarioException(source, "", at.getLineNr(), at.getColumnNr(),
                        "unexpected content after the end of the scenario object; a file holds exactly one JSON object");
            }
            return root;
        } catch (JsonEOFException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(source, "", line(at), column(at),
                    "the file ends in the middle of the JSON (truncated?); a string, array or object is not closed");
        } catch (JsonProcessingException e) {
            // Limit errors (number length, nesting) come without a location: where the parser stands is it.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            throw new ScenarioException(source, "", line(at), column(at), "malformed JSON: " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ScenarioException(source, "", 0, 0, "cannot read the JSON: " + e.getMessage());
        }
    }

    private JsonNodeAt value(JsonToken token, String path) throws IOException, ScenarioException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        if (token == null) {
            throw new JsonEOFException(parser, null, "end of input");
        }
        return switch (token) {
            case START_OBJECT -> object(line, col, path);
            case START_ARRAY -> array(line, col, path);
            case VALUE_STRING -> new JsonNodeAt.Str(line, col, parser.getText());
            case VALUE_NUMBER_INT -> new JsonNodeAt.Num(line, col, parser.getText(), true);
            case VALUE_NUMBER_FLOAT -> new JsonNodeAt.Num(line, col, parser.getText(), false);
            case VALUE_TRUE -> new JsonNodeAt.Bool(line, col, true);
            case VALUE_FALSE -> new JsonNodeAt.Bool(line, col, false);
            case VALUE_NULL -> new JsonNodeAt.Null(line, col);
            default -> throw new ScenarioException(source, path, line, col, "unexpected JSON token " + token);
        };
    }

    private JsonNodeAt object(int line, int col, String path) throws IOException, ScenarioException {
        Map<String, JsonNodeAt.Field> fields = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            String childPath = path.isEmpty() ? name : path + "." + name;
            if (fields.containsKey(name)) {
                JsonNodeAt.Field first = fields.get(name);
                throw new ScenarioException(source, childPath, keyAt.getLineNr(), keyAt.getColumnNr(),
                        "duplicate key \"" + name + "\" (first given at line " + first.line() + "); each field may appear once");
            }
            JsonNodeAt v = value(parser.nextToken(), childPath);
            fields.put(name, new JsonNodeAt.Field(name, keyAt.getLineNr(), keyAt.getColumnNr(), v));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonEOFException(parser, t, "end of input");
        }
        return new JsonNodeAt.Obj(line, col, fields);
    }

    private JsonNodeAt array(int line, int col, String path) throws IOException, ScenarioException {
        List<JsonNodeAt> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEOFException(parser, null, "end of input");
            }
            items.add(value(t, path + "[" + items.size() + "]"));
        }
        return new JsonNodeAt.Arr(line, col, items);
    }

    private static int line(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getLineNr());
    }

    private static int column(JsonLocation at) {
        return at == null ? 0 : Math.max(0, at.getColumnNr());
    }

    /** Jackson's message without character codes, feature names or source echo: one plain sentence. */
    static String plain(String jacksonMessage) {
        String m = jacksonMessage == null ? "unreadable JSON" : jacksonMessage;
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        if (m.contains("maybe a (non-standard) comment")) {
            return "comments are not allowed in JSON";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character (such as a raw line break or tab) inside a string must be escaped, e.g. \\n or \\t";
        }
        if (m.startsWith("Non-standard token")) {
            String token = m.replaceAll("^Non-standard token '([^']*)'.*$", "$1");
            return token + " is not a JSON number; expected a number, or a string such as \"0x1000\" or \"4G\"";
        }
        if (m.startsWith("Number value length") || m.startsWith("Number length")) {
            return "a number with more than 1000 digits; expected an address or size (at most 2^64-1)";
        }
        if (m.startsWith("String value length") || m.startsWith("String length")) {
            return "a string longer than the 64 MiB a scenario file may hold";
        }
        if (m.startsWith("Document nesting depth")) {
            return "arrays and objects are nested more than " + MAX_DEPTH + " levels deep; a scenario needs no more than 5";
        }
        m = m.replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\(CTRL-CHAR, code \\d+\\)", "a control character")
                .replaceAll("\\s*\\(for Object starting at \\[Source.*$", "")
                .replaceAll("; ?feature '[A-Z_]+' not enabled.*$", "")
                .replaceAll(" \\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)", "")
                .replaceAll("\\(JSON String, Number, Array, Object or token 'null', 'true' or 'false'\\)",
                        "(a string, number, array, object, true, false or null)")
                .replace("Unexpected character ('", "unexpected character '")
                .replace("'):", "':")
                .replace("Unrecognized token", "unrecognized word")
                .replace("Unexpected close marker", "unexpected closing bracket");
        return m.strip();
    }
}
