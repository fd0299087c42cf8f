package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the flat views of a QEMU monitor {@code info mtree -f} transcript. Everything outside
 * the "FlatView #N" blocks (prompts with their echo, other commands' output) is skipped.
 */
public final class MtreeParser {
    private MtreeParser() {}

    /** The address space KVM's memory listener registers memslots for (QEMU's address_space_memory). */
    public static final String SYSTEM_AS = "memory";

    private static final Pattern VIEW = Pattern.compile("FlatView #([0-9]+)\\s*");
    private static final Pattern AS = Pattern.compile("\\s+AS \"(.*)\", root: .*");
    private static final Pattern RANGE_START = Pattern.compile("\\s+[0-9a-fA-F]+-[0-9a-fA-F]+\\s.*");
    private static final Pattern RANGE = Pattern.compile(
            "\\s+([0-9a-fA-F]+)-([0-9a-fA-F]+) \\(prio (-?[0-9]+), (nv-)?([a-z/]+)\\): (.*)");
    private static final Pattern OFFSET_SUFFIX = Pattern.compile("(.*) @([0-9a-fA-F]+)");
    private static final String EXPECTED_RANGE = "expected \"  0000000040000000-00000000bfffffff (prio 0, ram): name [@offset] [kvm]\"";

    public static List<FlatView> parse(String text, String source) throws ImportException {
        List<String> lines = Lines.split(text);
        List<FlatView> views = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher v = VIEW.matcher(lines.get(i));
            if (!v.matches()) {
                i++;
                continue;
            }
            int viewLine = i + 1;
            int number = Integer.parseInt(v.group(1));
            List<String> spaces = new ArrayList<>();
            List<FlatRange> ranges = new ArrayList<>();
            i++;
            for (; i < lines.size(); i++) {
                String line = lines.get(i);
                // A block ends at its blank line, or where a prompt or unindented text starts (a cut copy).
                if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                    break;
                }
                Matcher a = AS.matcher(line);
                if (a.matches()) {
                    spaces.add(a.group(1));
                } else if (RANGE_START.matcher(line).matches()) {
                    ranges.add(range(line, source, i + 1));
                }
                // "Root memory region:", "No rendered FlatView" and -d dispatch dumps carry nothing we use.
            }
            views.add(new FlatView(viewLine, number, spaces, ranges));
        }
        if (views.isEmpty()) {
            throw new ImportException(source, 0, "no \"FlatView #N\" block found; expected the output of the QEMU monitor command "
                    + "\"info mtree -f\" (with -f: the flat views, not the region tree)");
        }
        return views;
    }

    /** The flat view of the system address space ("memory"), which is the one KVM memslots mirror. */
    public static FlatView systemView(List<FlatView> views, String source) throws ImportException {
        for (FlatView v : views) {
            if (v.addressSpaces().contains(SYSTEM_AS)) {
                return v;
            }
        }
        throw new ImportException(source, 0, "no FlatView lists AS \"" + SYSTEM_AS + "\"; expected the system address space in the "
                + "\"info mtree -f\" output (was the transcript cut?)");
    }

    static FlatRange range(String line, String source, int lineNo) throws ImportException {
        Matcher m = RANGE.matcher(line);
        if (!m.matches()) {
            throw new ImportException(source, lineNo, "malformed flat range \"" + line.strip() + "\"; " + EXPECTED_RANGE);
        }
        Long start = Lines.hex64(m.group(1));
        Long last = Lines.hex64(m.group(2));
        if (start == null || last == null) {
            throw new ImportException(source, lineNo, "address " + (start == null ? m.group(1) : m.group(2))
                    + " is above 2^64 - 1; expected 16 hex digits");
        }
        if (Long.compareUnsigned(last, start) < 0) {
            throw new ImportException(source, lineNo, "range end " + m.group(2) + " is below its start " + m.group(1)
                    + "; expected an inclusive end at or above the start");
        }
        int prio;
        try {
            prio = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new ImportException(source, lineNo, "priority " + m.group(3) + " is not a 32-bit number");
        }
        // Parse the name from the right: region names may contain spaces ("vga ioports remapped"),
        // QEMU then appends " @offset" when the range starts inside the region and the accelerator's name.
        String rest = m.group(6).stripTrailing();
        boolean kvm = false;
        while (rest.endsWith(" kvm")) {
            kvm = true;
            rest = rest.substring(0, rest.length() - " kvm".length()).stripTrailing();
        }
        long offset = 0;
        Matcher o = OFFSET_SUFFIX.matcher(rest);
        if (o.matches()) {
            Long off = Lines.hex64(o.group(2));
            if (off == null) {
                throw new ImportException(source, lineNo, "offset @" + o.group(2) + " is above 2^64 - 1");
            }
            offset = off;
            rest = o.group(1);
        }
        if (rest.isEmpty()) {
            throw new ImportException(source, lineNo, "flat range without a region name; " + EXPECTED_RANGE);
        }
        return new FlatRange(lineNo, start, last, prio, m.group(5), m.group(4) != null, rest, offset, kvm);
    }
}
