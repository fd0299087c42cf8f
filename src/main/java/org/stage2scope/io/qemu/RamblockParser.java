package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code info ramblock} table from a monitor transcript. Columns are found from the header
 * line, so both the QEMU 7 form (Block Name, PSize, Offset, Used, Total) and newer ones with extra
 * columns (HVA, RO) parse. Rows are split from the right: names can be wider than their column.
 */
public final class RamblockParser {
    private RamblockParser() {}

    private static final Pattern HEADER = Pattern.compile("\\s*Block Name\\s+PSize\\s+.*");
    private static final Pattern HEX = Pattern.compile("(?:0x)?[0-9a-fA-F]+");

    /** The rows of the last table in the transcript (the newest, when "info ramblock" ran more than once). */
    public static List<RamBlock> parse(String text, String source) throws ImportException {
        List<String> lines = Lines.split(text);
        List<Integer> tables = headers(lines);
        if (!tables.isEmpty()) {
            return table(lines, tables.get(tables.size() - 1) - 1, source);
        }
        throw new ImportException(source, 0, "no \"info ramblock\" table found; expected its header line "
                + "\"Block Name    PSize    Offset    Used    Total\" (run \"info ramblock\" in the QEMU monitor)");
    }

    /** The 1-based line of each "info ramblock" header in the transcript. */
    public static List<Integer> tableLines(String text) {
        return headers(Lines.split(text));
    }

    private static List<Integer> headers(List<String> lines) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (HEADER.matcher(lines.get(i)).matches()) {
                found.add(i + 1);
            }
        }
        return found;
    }

    private static List<RamBlock> table(List<String> lines, int headerIndex, String source) throws ImportException {
        String header = lines.get(headerIndex).strip().substring("Block Name".length()).strip();
        List<String> columns = Arrays.asList(header.split("\\s+"));
        for (String required : List.of("PSize", "Offset", "Used", "Total")) {
            if (!columns.contains(required)) {
                throw new ImportException(source, headerIndex + 1, "the info ramblock header has no \"" + required
                        + "\" column; expected \"Block Name PSize Offset Used Total\"");
            }
        }
        List<RamBlock> blocks = new ArrayList<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            String line = Lines.withoutPrompt(lines.get(i));
            if (line == null) {
                continue; // a bare prompt pasted between rows
            }
            if (line.isBlank() || line.startsWith(Lines.PROMPT)) {
                break;
            }
            blocks.add(row(line, columns, source, i + 1));
        }
        if (blocks.isEmpty()) {
            throw new ImportException(source, headerIndex + 1, "the info ramblock table has no rows; expected one line per RAM block");
        }
        return blocks;
    }

    private static RamBlock row(String line, List<String> columns, String source, int lineNo) throws ImportException {
        List<String> tokens = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        long pageSize = 0;
        long offset = 0;
        long used = 0;
        long total = 0;
        Long hva = null;
        Boolean ro = null;
        for (int c = columns.size() - 1; c >= 0; c--) {
            String col = columns.get(c);
            if (tokens.isEmpty()) {
                throw malformed(line, source, lineNo, "it ends before the " + col + " column");
            }
            String cell = tokens.remove(tokens.size() - 1);
            switch (col) {
                case "PSize" -> {
                    if (tokens.isEmpty()) {
                        throw malformed(line, source, lineNo, "PSize \"" + cell + "\" has no number before its unit");
                    }
                    pageSize = pageSize(tokens.remove(tokens.size() - 1), cell, line, source, lineNo);
                }
                case "Offset" -> offset = hex(cell, col, line, source, lineNo);
                case "Used" -> used = hex(cell, col, line, source, lineNo);
                case "Total" -> total = hex(cell, col, line, source, lineNo);
                case "HVA" -> hva = hex(cell, col, line, source, lineNo);
                case "RO" -> ro = cell.equalsIgnoreCase("ro") || cell.equalsIgnoreCase("true");
                default -> {
                    // A column a later QEMU adds: its cell is one token we do not use.
                }
            }
        }
        // A block nobody registered for migration (a vfio BAR's RAM device) has an empty idstr: no name.
        return new RamBlock(lineNo, String.join(" ", tokens), pageSize, offset, used, total, hva, ro);
    }

    private static long hex(String cell, String col, String line, String source, int lineNo) throws ImportException {
        if (!HEX.matcher(cell).matches()) {
            throw malformed(line, source, lineNo, col + " \"" + cell + "\" is not a hex number");
        }
        Long v = Lines.hex64(cell.startsWith("0x") ? cell.substring(2) : cell);
        if (v == null) {
            throw malformed(line, source, lineNo, col + " " + cell + " is above 2^64 - 1");
        }
        return v;
    }

    private static long pageSize(String number, String unit, String line, String source, int lineNo) throws ImportException {
        int shift = switch (unit.toLowerCase(Locale.ROOT)) {
            case "b" -> 0;
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            default -> -1;
        };
        if (shift < 0 || !number.matches("[0-9]{1,6}")) {
            throw malformed(line, source, lineNo, "PSize \"" + number + " " + unit + "\" is not a page size like \"4 KiB\" or \"2 MiB\"");
        }
        return Long.parseLong(number) << shift;
    }

    private static ImportException malformed(String line, String source, int lineNo, String why) {
        return new ImportException(source, lineNo, "malformed info ramblock row \"" + line.strip() + "\": " + why
                + "; expected \"name  4 KiB  0x<offset> 0x<used> 0x<total>\"");
    }
}
