package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the flat views of a QEMU monitor {@code info mtree -f} transcript. Everything outside
 * the "FlatView #N" blocks (prompts with their echo, other commands' output) is skipped; inside a
 * block every line is understood, recorded in {@link FlatView#skipped()} with its line number, or
 * the import fails with the line.
 */
public final class MtreeParser {
    private MtreeParser() {}

    /** The address space KVM's memory listener registers memslots for (QEMU's address_space_memory). */
    public static final String SYSTEM_AS = "memory";

    private static final Pattern VIEW = Pattern.compile("FlatView #([0-9]+)\\s*");
    private static final Pattern AS = Pattern.compile("\\s+AS \"(.*)\", root: .*");
    /** Anything shaped like "START-END ...": parsed as a range, so a bad digit fails the import instead of vanishing. */
    private static final Pattern RANGE_START = Pattern.compile("\\s+[0-9a-zA-Z]+-[0-9a-zA-Z]+(\\s.*)?");
    /** The types QEMU's memory_region_type() prints. */
    private static final java.util.Set<String> KNOWN_TYPES = java.util.Set.of("ram", "rom", "romd", "ramd", "i/o");
    private static final Pattern RANGE = Pattern.compile(
            "\\s+([0-9a-fA-F]+)-([0-9a-fA-F]+) \\(prio (-?[0-9]+), (nv-)?([a-z/]+)\\): (.*)");
    private static final Pattern OFFSET_SUFFIX = Pattern.compile("(.*) @([0-9a-fA-F]+)");
    private static final String EXPECTED_RANGE = "expected \"  0000000040000000-00000000bfffffff (prio 0, ram): name [@offset] [kvm]\"";

    public static List<FlatView> parse(String text, String source) throws ImportException {
        List<String> lines = Lines.split(text);
        List<FlatView> views = new ArrayList<>();
        int capture = 0;
        long previous = Long.MAX_VALUE;
        int i = 0;
        while (i < lines.size()) {
            Matcher v = VIEW.matcher(lines.get(i));
            if (!v.matches()) {
                i++;
                continue;
            }
            int viewLine = i + 1;
            if (v.group(1).length() > 9) {
                throw new ImportException(source, viewLine, "FlatView number " + v.group(1)
                        + " is out of range; expected the small counter QEMU prints (#0, #1, ...)");
            }
            int number = Integer.parseInt(v.group(1));
            if (number <= previous) {
                capture++; // numbering restarts: another "info mtree -f" run in the same transcript
            }
            previous = number;
            List<String> spaces = new ArrayList<>();
            List<FlatRange> ranges = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            boolean dispatch = false;
            i++;
            for (; i < lines.size(); i++) {
                String line = Lines.withoutPrompt(lines.get(i));
                if (line == null) {
                    continue; // a bare prompt pasted in the middle of the output
                }
                // A block ends at its blank line, or where a command or unindented text starts (a cut copy).
                if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                    break;
                }
                String body = line.strip();
                Matcher a = AS.matcher(line);
                if (a.matches()) {
                    spaces.add(a.group(1));
                } else if (!dispatch && RANGE_START.matcher(line).matches()) {
                    FlatRange r = range(line, source, i + 1);
                    if (KNOWN_TYPES.contains(r.type())) {
                        ranges.add(r);
                    } else {
                        skipped.add((i + 1) + ": range " + r + " has the unknown type \"" + r.type()
                                + "\"; expected ram, rom, romd, ramd or i/o; not imported");
                    }
                } else if (body.startsWith("Root memory region:") || body.equals("No rendered FlatView")) {
                    // headers that carry nothing a memslot needs
                } else if (body.equals("Dispatch") || dispatch) {
                    dispatch = true; // "info mtree -f -d": the dispatch tree of this view, until its end
                } else {
                    skipped.add((i + 1) + ": \"" + body + "\" is not an address space, range or header line of a flat view; skipped");
                }
            }
            views.add(new FlatView(viewLine, number, spaces, ranges, capture, skipped));
        }
        if (views.isEmpty()) {
            throw new ImportException(source, 0, "no \"FlatView #N\" block found; expected the output of the QEMU monitor command "
                    + "\"info mtree -f\" (with -f: the flat views, not the region tree)");
        }
        return views;
    }

    /**
     * The flat view of the system address space ("memory"), which is the one KVM memslots mirror:
     * with several captures in one transcript, the last (newest) one.
     */
    public static FlatView systemView(List<FlatView> views, String source) throws ImportException {
        for (int k = views.size() - 1; k >= 0; k--) {
            if (views.get(k).addressSpaces().contains(SYSTEM_AS)) {
                return views.get(k);
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
