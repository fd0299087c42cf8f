package org.stage2scope.io.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.model.U64;

/**
 * /proc/PID/smaps (or maps): one header line per VMA ({@code start-end perms offset dev inode [path]},
 * hex without 0x, end exclusive) followed, in smaps, by {@code Key: value kB} lines and
 * {@code VmFlags:} two-letter codes (fs/proc/task_mmu.c show_smap_vma_flags).
 */
public final class SmapsParser {
    private static final Pattern HEADER = Pattern.compile(
            "^([0-9a-f]+)-([0-9a-f]+)\\s+([r-][w-][x-][sp])\\s+([0-9a-f]+)\\s+(\\S+)\\s+(\\d+)\\s*(.*)$");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z_]+):\\s*(.*)$");

    private SmapsParser() {}

    /** One VMA as smaps shows it. {@code kernelPageSize} is 0 when the input had no such line (plain maps). */
    public record Entry(int line, long start, long end, String perms, String path, long kernelPageSize,
                        boolean thpEligible, long hugePmdMappedKb, List<String> vmFlags) {}

    public static List<Entry> parse(String text, String source) throws ScenarioException {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\\R");
        Builder cur = null;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(l);
            if (h.matches()) {
                if (cur != null) {
                    out.add(cur.build());
                }
                cur = new Builder(i + 1, parseHex(h.group(1), source, i + 1), parseHex(h.group(2), source, i + 1),
                        h.group(3), h.group(7).strip());
                continue;
            }
            Matcher f = FIELD.matcher(l.strip());
            if (cur == null || !f.matches()) {
                throw new ScenarioException(source, "", i + 1, 1, "not a /proc/PID/smaps line: \"" + abbreviate(l)
                        + "\"; expected \"start-end perms offset dev inode [path]\" or \"Key: value\"");
            }
            String key = f.group(1);
            String value = f.group(2).strip();
            switch (key) {
                case "KernelPageSize" -> cur.kernelPageSize = kb(value, source, i + 1) * 1024;
                case "THPeligible" -> cur.thpEligible = value.equals("1");
                case "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped" -> cur.hugePmdMappedKb += kb(value, source, i + 1);
                case "VmFlags" -> cur.vmFlags = value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
                default -> { }
            }
        }
        if (cur != null) {
            out.add(cur.build());
        }
        if (out.isEmpty()) {
            throw new ScenarioException(source, "", 1, 1, "no VMA lines found; paste the whole /proc/PID/smaps of the VMM");
        }
        return out;
    }

    private static long parseHex(String s, String source, int line) throws ScenarioException {
        try {
            return U64.parseAddress("0x" + s);
        } catch (NumberFormatException e) {
            throw new ScenarioException(source, "", line, 1, e.getMessage());
        }
    }

    private static long kb(String value, String source, int line) throws ScenarioException {
        String v = value.endsWith("kB") ? value.substring(0, value.length() - 2).strip() : value;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ScenarioException(source, "", line, 1, "\"" + value + "\" is not a size in kB");
        }
    }

    private static String abbreviate(String l) {
        return l.length() > 60 ? l.substring(0, 60) + "..." : l;
    }

    private static final class Builder {
        final int line;
        final long start;
        final long end;
        final String perms;
        final String path;
        long kernelPageSize;
        boolean thpEligible;
        long hugePmdMappedKb;
        List<String> vmFlags = List.of();

        Builder(int line, long start, long end, String perms, String path) {
            this.line = line;
            this.start = start;
            this.end = end;
            this.perms = perms;
            this.path = path;
        }

        Entry build() {
            return new Entry(line, start, end, perms, path, kernelPageSize, thpEligible, hugePmdMappedKb, vmFlags);
        }
    }
}
