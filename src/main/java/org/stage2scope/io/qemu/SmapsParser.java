package org.stage2scope.io.qemu;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stage2scope.model.Perms;
import org.stage2scope.model.U64;
import org.stage2scope.model.VmFlag;

/**
 * Reads /proc/PID/smaps, or plain /proc/PID/maps. The header line is what fs/proc/task_mmu.c
 * {@code show_map_vma} prints; the fields follow ({@code show_smap}), and {@code show_smap_vma_flags}
 * ends each VMA with its VmFlags codes. Fields this parser does not use are skipped, so kernels that add
 * keys still parse.
 */
public final class SmapsParser {
    private SmapsParser() {}

    private static final Pattern HEADER = Pattern.compile(
            "([0-9a-fA-F]+)-([0-9a-fA-F]+)\\s+(\\S+)\\s+([0-9a-fA-F]+)\\s+([0-9a-fA-F]+:[0-9a-fA-F]+)\\s+([0-9]+)(?:\\s+(.*))?");
    private static final Pattern LOOKS_LIKE_HEADER = Pattern.compile("[0-9a-fA-F]+-.*");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):(.*)");
    private static final Pattern KB = Pattern.compile("\\s*([0-9]+) kB\\s*");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\s*([0-9]+)\\s*");
    private static final Pattern CODE = Pattern.compile("[a-z?]{2}");
    private static final String EXPECTED_HEADER = "expected a VMA header \"start-end perms offset dev inode [path]\" such as \"7f0000000000-7f0000200000 rw-s 00000000 00:01 1032 /memfd:ram (deleted)\"";

    /** smaps codes that live in Perms, not in VmFlag (show_smap_vma_flags prints them as VM_READ, VM_WRITE, VM_EXEC, VM_SHARED). */
    private static final Set<String> PERM_CODES = Set.of("rd", "wr", "ex", "sh");
    private static final Map<String, VmFlag> BY_CODE = new HashMap<>();

    static {
        for (VmFlag f : VmFlag.values()) {
            if (!f.smapsCode().isEmpty()) {
                BY_CODE.put(f.smapsCode(), f);
            }
        }
    }

    /** Parses the text of an smaps or maps file; {@code source} names it in messages. */
    public static SmapsFile parse(String text, String source) throws ImportException {
        List<String> lines = Lines.split(text);
        boolean endsWithNewline = text.endsWith("\n");
        List<SmapsVma> vmas = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Builder current = null;
        Boolean detailed = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                if (current != null) {
                    detailed = finish(current, detailed, source, vmas);
                }
                current = header(h, source, lineNo);
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (f.matches() && !LOOKS_LIKE_HEADER.matcher(line).matches()) {
                if (current == null) {
                    throw new ImportException(source, lineNo, "field \"" + f.group(1) + ":\" before any VMA; " + EXPECTED_HEADER);
                }
                if (current.vmFlagsLine > 0) {
                    throw new ImportException(source, lineNo, "field \"" + f.group(1) + ":\" after the VmFlags line of the VMA at line "
                            + current.line + "; VmFlags ends a VMA, so " + EXPECTED_HEADER);
                }
                if (Boolean.FALSE.equals(detailed)) {
                    throw new ImportException(source, lineNo, "field \"" + f.group(1) + ":\" in a file whose earlier VMAs had no fields (a maps file); "
                            + "expected either every VMA with its smaps fields or none");
                }
                boolean lastLine = i == lines.size() - 1;
                field(current, f.group(1), f.group(2), source, lineNo, lastLine && !endsWithNewline, warnings);
                continue;
            }
            if (LOOKS_LIKE_HEADER.matcher(line).matches()) {
                throw new ImportException(source, lineNo, "malformed VMA header \"" + abbreviate(line) + "\"; " + EXPECTED_HEADER);
            }
            throw new ImportException(source, lineNo, "\"" + abbreviate(line) + "\" is neither a VMA header nor a \"Key: value\" field; " + EXPECTED_HEADER);
        }
        if (current == null) {
            throw new ImportException(source, 0, "no VMAs found; expected the text of /proc/PID/smaps (or /proc/PID/maps) of the QEMU process");
        }
        if (Boolean.TRUE.equals(detailed) && current.vmFlagsLine == 0) {
            throw truncated(current, source);
        }
        detailed = finish(current, detailed, source, vmas);
        return new SmapsFile(source, vmas, detailed, warnings);
    }

    private static Builder header(Matcher h, String source, int lineNo) throws ImportException {
        Long start = Lines.hex64(h.group(1));
        Long end = Lines.hex64(h.group(2));
        if (start == null || end == null) {
            throw new ImportException(source, lineNo, "address " + (start == null ? h.group(1) : h.group(2))
                    + " is above 2^64 - 1; expected at most 16 hex digits");
        }
        if (!U64.lt(start, end)) {
            throw new ImportException(source, lineNo, "VMA end " + U64.hex(end) + " is not above its start " + U64.hex(start)
                    + "; expected start-end with an exclusive end");
        }
        Perms perms;
        try {
            perms = Perms.parse(h.group(3));
        } catch (IllegalArgumentException e) {
            throw new ImportException(source, lineNo, e.getMessage());
        }
        Long offset = Lines.hex64(h.group(4));
        if (offset == null) {
            throw new ImportException(source, lineNo, "file offset " + h.group(4) + " is above 2^64 - 1");
        }
        long inode;
        try {
            inode = Long.parseUnsignedLong(h.group(6));
        } catch (NumberFormatException e) {
            throw new ImportException(source, lineNo, "inode " + h.group(6) + " is above 2^64 - 1");
        }
        String path = h.group(7) == null ? "" : h.group(7).strip();
        return new Builder(lineNo, start, end, perms, offset, h.group(5), inode, path);
    }

    private static void field(Builder b, String key, String value, String source, int lineNo, boolean cutLastLine,
                              List<String> warnings) throws ImportException {
        switch (key) {
            case "Size", "KernelPageSize", "MMUPageSize", "Rss", "AnonHugePages", "ShmemPmdMapped", "FilePmdMapped" -> {
                Matcher m = KB.matcher(value);
                if (!m.matches()) {
                    throw new ImportException(source, lineNo, key + ": \"" + value.strip() + "\" is not a size; expected a number followed by \" kB\"");
                }
                long kb;
                try {
                    kb = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    throw new ImportException(source, lineNo, key + ": " + m.group(1) + " kB is too large");
                }
                if (kb > (Long.MAX_VALUE >> 10)) {
                    throw new ImportException(source, lineNo, key + ": " + kb + " kB is too large");
                }
                long bytes = kb << 10;
                if ((key.equals("KernelPageSize") || key.equals("MMUPageSize")) && (bytes == 0 || Long.bitCount(bytes) != 1)) {
                    throw new ImportException(source, lineNo, key + ": " + kb + " kB is not a page size; expected a power of two"
                            + " such as 4 kB, 64 kB, 2048 kB or 1048576 kB");
                }
                switch (key) {
                    case "Size" -> b.size = bytes;
                    case "KernelPageSize" -> b.kernelPageSize = bytes;
                    case "MMUPageSize" -> b.mmuPageSize = bytes;
                    case "Rss" -> b.rss = bytes;
                    case "AnonHugePages" -> b.anonHugePages = bytes;
                    case "ShmemPmdMapped" -> b.shmemPmdMapped = bytes;
                    default -> b.filePmdMapped = bytes;
                }
            }
            case "THPeligible" -> {
                Matcher m = PLAIN_NUMBER.matcher(value);
                if (!m.matches()) {
                    throw new ImportException(source, lineNo, "THPeligible: \"" + value.strip() + "\" is not 0 or 1");
                }
                b.thpEligible = !m.group(1).equals("0");
            }
            case "VmFlags" -> vmFlags(b, value, source, lineNo, cutLastLine, warnings);
            default -> {
                // Other fields (Pss, Swap, Locked, ProtectionKey, ...) vary by kernel version and do not matter here.
            }
        }
        b.fields++;
    }

    private static void vmFlags(Builder b, String value, String source, int lineNo, boolean cutLastLine,
                                List<String> warnings) throws ImportException {
        // show_smap_vma_flags prints "code " per set bit and then the newline, so a line missing that
        // trailing space at an unterminated end of file was cut while being copied.
        if (cutLastLine && !value.endsWith(" ") && !value.isBlank()) {
            throw new ImportException(source, lineNo, "the VmFlags line of the VMA at line " + b.line
                    + " is cut mid-way (the file ends without the line's trailing space and newline); expected the complete smaps file");
        }
        for (String code : value.strip().split("\\s+")) {
            if (code.isEmpty()) {
                continue;
            }
            if (!CODE.matcher(code).matches()) {
                throw new ImportException(source, lineNo, "VmFlags code \"" + code + "\" is not two letters (is the line cut mid-way?); "
                        + "expected codes like \"rd wr sh mr mw me ms pf io\"");
            }
            if (PERM_CODES.contains(code)) {
                continue;
            }
            VmFlag flag = BY_CODE.get(code);
            if (flag == null) {
                b.unknown.add(code);
                warnings.add(source + ":" + lineNo + ": VmFlags code \"" + code + "\" of the VMA at line " + b.line
                        + (code.equals("??") ? " is a bit this kernel has no name for" : " is not known to Stage2Scope")
                        + "; kept out of the imported flags");
            } else {
                b.flags.add(flag);
            }
        }
        b.vmFlagsLine = lineNo;
    }

    /** Adds the finished VMA and returns whether the file is smaps (true) or maps (false). */
    private static Boolean finish(Builder b, Boolean detailed, String source, List<SmapsVma> out) throws ImportException {
        boolean hasFields = b.fields > 0;
        if (Boolean.TRUE.equals(detailed) && !hasFields) {
            throw new ImportException(source, b.line, "the VMA " + b.describe() + " has no fields; expected its smaps lines "
                    + "(\"Size: ... kB\" ... \"VmFlags: ...\") before the next header (is the file truncated?)");
        }
        if (hasFields && b.vmFlagsLine == 0) {
            throw truncated(b, source);
        }
        out.add(b.build());
        return hasFields;
    }

    private static ImportException truncated(Builder b, String source) {
        return new ImportException(source, b.line, "the VMA " + b.describe() + " ends without its \"VmFlags:\" line; "
                + "expected every smaps VMA to end with one (is the file truncated?)");
    }

    private static String abbreviate(String line) {
        String s = line.strip();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static final class Builder {
        final int line;
        final long start;
        final long end;
        final Perms perms;
        final long offset;
        final String dev;
        final long inode;
        final String path;
        long size;
        long kernelPageSize;
        long mmuPageSize;
        long rss;
        long anonHugePages;
        long shmemPmdMapped;
        long filePmdMapped;
        Boolean thpEligible;
        final Set<VmFlag> flags = EnumSet.noneOf(VmFlag.class);
        final List<String> unknown = new ArrayList<>();
        int vmFlagsLine;
        int fields;

        Builder(int line, long start, long end, Perms perms, long offset, String dev, long inode, String path) {
            this.line = line;
            this.start = start;
            this.end = end;
            this.perms = perms;
            this.offset = offset;
            this.dev = dev;
            this.inode = inode;
            this.path = path;
        }

        String describe() {
            return String.format(Locale.ROOT, "%s-%s", Long.toHexString(start), Long.toHexString(end));
        }

        SmapsVma build() {
            return new SmapsVma(line, start, end, perms, offset, dev, inode, path, kernelPageSize, mmuPageSize, rss,
                    anonHugePages, shmemPmdMapped, filePmdMapped, thpEligible, flags, unknown, vmFlagsLine > 0);
        }
    }
}
