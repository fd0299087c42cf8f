package org.stage2scope.io.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.model.U64;

/**
 * A QEMU human-monitor transcript: {@code info mtree -f} (flat views; the one serving address space
 * "memory" is the guest physical map) and, when present, {@code info ramblock}. Prompts and echoed
 * commands are ignored; sections are recognised by their own headers.
 */
public final class MonitorParser {
    private static final Pattern RANGE = Pattern.compile(
            "^\\s*([0-9a-f]{1,16})-([0-9a-f]{1,16}) \\(prio (-?\\d+), ([a-z/-]+)\\): (.*)$");
    private static final Pattern AS = Pattern.compile("^\\s*AS \"([^\"]*)\".*$");
    private static final Pattern OFFSET = Pattern.compile("^(.*) @([0-9a-f]{1,16})$");
    private static final Pattern RAMBLOCK = Pattern.compile(
            "^\\s*(.+?)\\s+(\\d+(?:\\.\\d+)?\\s*[KMGT]?i?B)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)(?:\\s+0x([0-9a-f]+))?\\s*$");

    private MonitorParser() {}

    /**
     * One flat range: [start, start + size), QEMU's type (ram, rom, romd, ramd, i/o, container,
     * optionally nv- prefixed), the region name and the offset into it.
     */
    public record FlatRange(int line, long start, long size, String type, String region, long offset, boolean kvm) {
        boolean backedByRam() {
            String t = type.startsWith("nv-") ? type.substring(3) : type;
            return t.equals("ram") || t.equals("rom") || t.equals("romd") || t.equals("ramd");
        }

        boolean readOnly() {
            String t = type.startsWith("nv-") ? type.substring(3) : type;
            return t.equals("rom") || t.equals("romd");
        }
    }

    /** One {@code info ramblock} row; {@code hostAddress} is null on QEMUs without that column. */
    public record RamBlock(String name, String pageSize, long offset, long used, long total, Long hostAddress) {}

    public record Monitor(List<FlatRange> system, List<RamBlock> ramBlocks) {}

    public static Monitor parse(String text, String source) throws ScenarioException {
        String[] lines = text.split("\\R");
        List<FlatRange> system = null;
        List<FlatRange> current = null;
        boolean currentIsSystem = false;
        boolean inRamblock = false;
        List<RamBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("FlatView #")) {
                if (currentIsSystem && system == null) {
                    system = current;
                }
                current = new ArrayList<>();
                currentIsSystem = false;
                inRamblock = false;
                continue;
            }
            if (l.contains("Block Name") && l.contains("PSize")) {
                if (currentIsSystem && system == null) {
                    system = current;
                }
                current = null;
                inRamblock = true;
                continue;
            }
            if (l.startsWith("(qemu)")) {
                if (currentIsSystem && system == null) {
                    system = current;
                }
                current = null;
                inRamblock = false;
                continue;
            }
            if (inRamblock) {
                Matcher m = RAMBLOCK.matcher(l);
                if (m.matches()) {
                    blocks.add(new RamBlock(m.group(1).strip(), m.group(2), hex(m.group(3)), hex(m.group(4)), hex(m.group(5)),
                            m.group(6) == null ? null : hex(m.group(6))));
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            Matcher as = AS.matcher(l);
            if (as.matches()) {
                currentIsSystem |= as.group(1).equals("memory");
                continue;
            }
            Matcher r = RANGE.matcher(l);
            if (r.matches()) {
                long start = hex(r.group(1));
                long last = hex(r.group(2));
                if (U64.lt(last, start)) {
                    throw new ScenarioException(source, "", i + 1, 1, "range ends before it starts");
                }
                String rest = r.group(5).strip();
                boolean kvm = rest.endsWith(" kvm");
                if (kvm) {
                    rest = rest.substring(0, rest.length() - 4).strip();
                }
                long offset = 0;
                Matcher o = OFFSET.matcher(rest);
                if (o.matches()) {
                    rest = o.group(1).strip();
                    offset = hex(o.group(2));
                }
                // info mtree prints inclusive ends; a range covering all of 2^64 cannot be a memslot anyway.
                current.add(new FlatRange(i + 1, start, last - start + 1, r.group(4), rest, offset, kvm));
            }
        }
        if (currentIsSystem && system == null) {
            system = current;
        }
        if (system == null) {
            throw new ScenarioException(source, "", 0, 0,
                    "no flat view of address space \"memory\" found; paste the output of the monitor command \"info mtree -f\"");
        }
        return new Monitor(system, blocks);
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
