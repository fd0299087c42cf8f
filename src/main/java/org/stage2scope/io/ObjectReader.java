package org.stage2scope.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stage2scope.model.Named;
import org.stage2scope.model.U64;

/**
 * Typed, located access to one JSON object of a scenario file: each getter names the JSON path in
 * its error, and {@link #finish()} refuses fields nobody asked for (with a "did you mean" hint).
 */
final class ObjectReader {
    /** Integers up to 2^53 survive every JSON tool (JavaScript, jq) unchanged; larger ones must be strings. */
    static final long SAFE_JSON_INTEGER = 1L << 53;

    private final String source;
    private final String path;
    private final JsonNodeAt.Obj obj;
    private final Set<String> known = new java.util.LinkedHashSet<>();

    private ObjectReader(String source, String path, JsonNodeAt.Obj obj) {
        this.source = source;
        this.path = path;
        this.obj = obj;
    }

    static ObjectReader of(String source, String path, JsonNodeAt node) throws ScenarioException {
        if (!(node instanceof JsonNodeAt.Obj o)) {
            throw error(source, path, node, "expected an object {...}, got " + node.typeName());
        }
        return new ObjectReader(source, path, o);
    }

    String path() {
        return path;
    }

    JsonNodeAt.Obj node() {
        return obj;
    }

    String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The value of a field, or null when absent; marks the field as known. */
    JsonNodeAt get(String name) {
        known.add(name);
        JsonNodeAt.Field f = obj.fields().get(name);
        return f == null ? null : f.value();
    }

    boolean has(String name) {
        known.add(name);
        return obj.fields().containsKey(name);
    }

    JsonNodeAt require(String name) throws ScenarioException {
        JsonNodeAt v = get(name);
        if (v == null) {
            throw new ScenarioException(source, path, obj.line(), obj.column(),
                    "missing required field \"" + name + "\"");
        }
        return v;
    }

    ScenarioException error(String field, String message) {
        JsonNodeAt.Field f = obj.fields().get(field);
        JsonNodeAt at = f == null ? obj : f.value();
        return error(source, f == null ? path : child(field), at, message);
    }

    /** An error about the object as a whole (a model constructor refused the combination of fields). */
    ScenarioException errorHere(String message) {
        return error(source, path, obj, message);
    }

    static ScenarioException error(String source, String path, JsonNodeAt at, String message) {
        return new ScenarioException(source, path, at.line(), at.column(), message);
    }

    String string(String name, String defaultValue) throws ScenarioException {
        JsonNodeAt v = get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof JsonNodeAt.Str s) {
            return s.value();
        }
        throw error(name, "expected a string, got " + v.typeName());
    }

    String requireString(String name) throws ScenarioException {
        require(name);
        return string(name, null);
    }

    boolean bool(String name, boolean defaultValue) throws ScenarioException {
        JsonNodeAt v = get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof JsonNodeAt.Bool b) {
            return b.value();
        }
        throw error(name, "expected true or false, got " + v.typeName());
    }

    int integer(String name, int defaultValue, int min, int max) throws ScenarioException {
        JsonNodeAt v = get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof JsonNodeAt.Num n) || !n.integral()) {
            throw error(name, "expected a whole number " + min + ".." + max + ", got " + describe(v));
        }
        BigInteger b = new BigInteger(n.text());
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(name, n.text() + " is outside " + min + ".." + max);
        }
        return b.intValueExact();
    }

    /** An unsigned 64-bit address: "0x..." or a decimal string; a JSON number only up to 2^53. */
    long address(String name, long defaultValue) throws ScenarioException {
        JsonNodeAt v = get(name);
        return v == null ? defaultValue : address(source, child(name), v);
    }

    Long optionalAddress(String name) throws ScenarioException {
        JsonNodeAt v = get(name);
        return v == null || v instanceof JsonNodeAt.Null ? null : address(source, child(name), v);
    }

    long requireAddress(String name) throws ScenarioException {
        return address(source, child(name), require(name));
    }

    static long address(String source, String path, JsonNodeAt v) throws ScenarioException {
        if (v instanceof JsonNodeAt.Str s) {
            try {
                return U64.parseAddress(s.value());
            } catch (NumberFormatException e) {
                throw error(source, path, v, e.getMessage());
            }
        }
        return safeNumber(source, path, v, "an address", "\"0x40000000\"");
    }

    long size(String name, long defaultValue) throws ScenarioException {
        JsonNodeAt v = get(name);
        return v == null ? defaultValue : size(source, child(name), v);
    }

    long requireSize(String name) throws ScenarioException {
        return size(source, child(name), require(name));
    }

    static long size(String source, String path, JsonNodeAt v) throws ScenarioException {
        if (v instanceof JsonNodeAt.Str s) {
            try {
                return U64.parseSize(s.value());
            } catch (NumberFormatException e) {
                throw error(source, path, v, e.getMessage());
            }
        }
        return safeNumber(source, path, v, "a size", "\"4G\" or \"0x200000\"");
    }

    private static long safeNumber(String source, String path, JsonNodeAt v, String what, String example)
            throws ScenarioException {
        if (!(v instanceof JsonNodeAt.Num n)) {
            throw error(source, path, v, "expected " + what + " as a string such as " + example + ", got " + v.typeName());
        }
        if (!n.integral()) {
            throw error(source, path, v, n.text() + " is not a whole number; expected " + what + " such as " + example);
        }
        BigInteger b = new BigInteger(n.text());
        if (b.signum() < 0) {
            throw error(source, path, v, n.text() + " is negative; " + what + " is an unsigned 64-bit value");
        }
        if (b.compareTo(BigInteger.valueOf(SAFE_JSON_INTEGER)) > 0) {
            throw error(source, path, v, n.text() + " is too large for a JSON number (above 2^53, where JSON tools lose precision);"
                    + " write it as a hex string such as " + example);
        }
        return b.longValueExact();
    }

    <E extends Enum<E> & Named> E enumValue(String name, Class<E> type, E defaultValue, String what)
            throws ScenarioException {
        JsonNodeAt v = get(name);
        return v == null ? defaultValue : enumValue(source, child(name), v, type, what);
    }

    static <E extends Enum<E> & Named> E enumValue(String source, String path, JsonNodeAt v, Class<E> type, String what)
            throws ScenarioException {
        if (!(v instanceof JsonNodeAt.Str s)) {
            throw error(source, path, v, "expected " + what + " as a string, one of " + Named.choices(type) + "; got " + v.typeName());
        }
        E e = Named.byId(type, s.value());
        if (e == null) {
            throw error(source, path, v, "\"" + s.value() + "\" is not " + what + "; expected one of " + Named.choices(type));
        }
        return e;
    }

    /** A JSON array of enum spellings; duplicates are refused because they hint at a typo. */
    <E extends Enum<E> & Named> Set<E> enumSet(String name, Class<E> type, Set<E> defaultValue, String what)
            throws ScenarioException {
        JsonNodeAt v = get(name);
        if (v == null) {
            return defaultValue;
        }
        List<JsonNodeAt> items = array(source, child(name), v);
        EnumSet<E> set = EnumSet.noneOf(type);
        for (int i = 0; i < items.size(); i++) {
            String p = child(name) + "[" + i + "]";
            E e = enumValue(source, p, items.get(i), type, what);
            if (!set.add(e)) {
                throw error(source, p, items.get(i), "\"" + e.id() + "\" is listed twice");
            }
        }
        return set;
    }

    List<JsonNodeAt> array(String name) throws ScenarioException {
        JsonNodeAt v = get(name);
        return v == null ? List.of() : array(source, child(name), v);
    }

    static List<JsonNodeAt> array(String source, String path, JsonNodeAt v) throws ScenarioException {
        if (v instanceof JsonNodeAt.Arr a) {
            return a.items();
        }
        throw error(source, path, v, "expected an array [...], got " + v.typeName());
    }

    /** Refuses any field that no getter asked for, suggesting the closest known name. */
    void finish() throws ScenarioException {
        for (JsonNodeAt.Field f : obj.fields().values()) {
            if (!known.contains(f.name())) {
                throw unknown(f, closest(f.name(), known));
            }
        }
    }

    /**
     * A field nobody asked for that is one typo away from a field that was asked for (and so was read as
     * absent), or null. Reading such an object can fail later for a reason the typo caused ("arch " read
     * as the default arm64, then an x86 feature refused), so the reader reports this one first.
     */
    ScenarioException misspelt() {
        for (JsonNodeAt.Field f : obj.fields().values()) {
            String hint = known.contains(f.name()) ? null : closest(f.name(), known);
            if (hint != null) {
                return unknown(f, hint);
            }
        }
        return null;
    }

    private ScenarioException unknown(JsonNodeAt.Field f, String hint) {
        String msg = "unknown field \"" + f.name() + "\"" + (hint == null
                ? "; known fields here: "
                : "; did you mean \"" + hint + "\"? Known fields here: ") + String.join(", ", known);
        return new ScenarioException(source, child(f.name()), f.line(), f.column(), msg);
    }

    private static String describe(JsonNodeAt v) {
        return v instanceof JsonNodeAt.Num n ? n.text() : v.typeName();
    }

    static String closest(String name, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance, for "did you mean". */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static List<String> names(List<? extends Named> values) {
        List<String> out = new ArrayList<>();
        for (Named n : values) {
            out.add(n.id());
        }
        return out;
    }
}
