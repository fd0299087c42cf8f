package org.stage2scope.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value with the line and column where it starts, so every error can point at its source.
 * Jackson's own tree drops locations; the scenario reader needs them for every path.
 */
sealed interface JsonNodeAt {
    int line();

    int column();

    /** The JSON type as an error message names it ("an object", "a string"). */
    String typeName();

    record Obj(int line, int column, Map<String, Field> fields) implements JsonNodeAt {
        public Obj {
            fields = new LinkedHashMap<>(fields);
        }

        @Override
        public String typeName() {
            return "an object";
        }
    }

    /** An object member: where its key is, and its value. */
    record Field(String name, int line, int column, JsonNodeAt value) {}

    record Arr(int line, int column, List<JsonNodeAt> items) implements JsonNodeAt {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "an array";
        }
    }

    record Str(int line, int column, String value) implements JsonNodeAt {
        @Override
        public String typeName() {
            return "a string";
        }
    }

    /** A number kept as its source text, so huge or fractional values can be judged without loss. */
    record Num(int line, int column, String text, boolean integral) implements JsonNodeAt {
        @Override
        public String typeName() {
            return "a number";
        }
    }

    record Bool(int line, int column, boolean value) implements JsonNodeAt {
        @Override
        public String typeName() {
            return value ? "true" : "false";
        }
    }

    record Null(int line, int column) implements JsonNodeAt {
        @Override
        public String typeName() {
            return "null";
        }
    }
}
