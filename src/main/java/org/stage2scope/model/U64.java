package org.stage2scope.model;

import java.util.Locale;

/**
 * Unsigned 64-bit arithmetic for addresses and sizes, kept in one place.
 *
 * <p>Guest physical and host virtual addresses are {@code u64} in the kernel's uAPI
 * ({@code struct kvm_userspace_memory_region2}); Java's {@code long} is signed, so every
 * comparison, division and printout of an address must go through here to stay correct above 2^63.
 */
public final class U64 {
    private U64() {}

    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    public static boolean lt(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    public static boolean le(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    public static long min(long a, long b) {
        return lt(a, b) ? a : b;
    }

    public static long max(long a, long b) {
        return lt(a, b) ? b : a;
    }

    /** True when {@code start + size} does not wrap past 2^64 (a range may end exactly at 2^64). */
    public static boolean fits(long start, long size) {
        return size == 0 || le(start, -1L - (size - 1));
    }

    /** True when {@code a + b} wraps past 2^64 - 1 (like the kernel's {@code check_add_overflow}). */
    public static boolean addOverflows(long a, long b) {
        return lt(a + b, a);
    }

    /** {@code size}, or what is left of it below 2^64 when {@code start + size} wraps (a picture draws that much). */
    public static long clippedSize(long start, long size) {
        return fits(start, size) ? size : -start;
    }

    /** Last byte of a non-empty range, or 2^64 - 1 when it wraps past the top (the range clipped there). */
    public static long lastClipped(long start, long size) {
        return last(start, clippedSize(start, size));
    }

    /**
     * Index of the last of {@code n} keys, ascending in unsigned order, that is at or below {@code value},
     * or -1 when every key is above it: the one range that can hold an address (a memslot by GPA, an
     * axis segment). Binary search.
     */
    public static int floorIndex(int n, java.util.function.IntToLongFunction key, long value) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (le(key.applyAsLong(mid), value)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** Last byte of a non-empty range: {@code start + size - 1}; never wraps for a range that fits. */
    public static long last(long start, long size) {
        return start + size - 1;
    }

    public static boolean isAligned(long value, long alignment) {
        return Long.remainderUnsigned(value, alignment) == 0;
    }

    /** Kernel {@code ALIGN_DOWN} for a power-of-two alignment. */
    public static long alignDown(long value, long powerOfTwo) {
        return value & -powerOfTwo;
    }

    /** Kernel {@code ALIGN} (rounds up) for a power-of-two alignment; may wrap to 0 like the C macro. */
    public static long alignUp(long value, long powerOfTwo) {
        return (value + powerOfTwo - 1) & -powerOfTwo;
    }

    public static long divide(long a, long b) {
        return Long.divideUnsigned(a, b);
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String decimal(long value) {
        return Long.toUnsignedString(value);
    }

    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E"};

    /**
     * A size in the scenario format's short form: the largest binary unit that divides it exactly
     * ("4G", "2M", "1536K"), or hex when no unit divides it.
     */
    public static String size(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        int unit = 0;
        long v = bytes;
        while (unit < UNITS.length - 1 && (v & 1023) == 0 && v != 0) {
            v >>>= 10;
            unit++;
        }
        if (unit == 0) {
            return hex(bytes);
        }
        return Long.toUnsignedString(v) + UNITS[unit];
    }

    /** A size for people: "4 GiB", "2 MiB", "1.5 GiB", "4 KiB", "512 B"; exact sizes get no decimals. */
    public static String human(long bytes) {
        if (bytes == 0) {
            return "0 B";
        }
        String[] names = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        double v = bytes < 0 ? bytes + 0x1p64 : bytes;
        while (unit < names.length - 1 && v >= 1024) {
            v /= 1024;
            unit++;
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d %s", (long) v, names[unit]);
        }
        return String.format(Locale.ROOT, "%.1f %s", v, names[unit]);
    }

    /**
     * Bytes in the largest unit that holds them as a whole number ("2047 MiB", "4 KiB", "4097 B"): for
     * where {@link #human} would round two different sizes to the same words.
     */
    public static String exact(long bytes) {
        String[] names = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = bytes == 0 ? 0 : Math.min(Long.numberOfTrailingZeros(bytes) / 10, names.length - 1);
        return Long.toUnsignedString(bytes >>> (10 * unit)) + " " + names[unit];
    }

    /**
     * Parses an address: {@code 0x}-prefixed hex (up to 16 digits) or unsigned decimal.
     *
     * @throws NumberFormatException with a message naming what was expected
     */
    public static long parseAddress(String text) {
        String t = text.strip().replace("_", "");
        if (t.isEmpty()) {
            throw new NumberFormatException("empty; expected a hex address such as \"0x40000000\"");
        }
        if (t.startsWith("-") || t.startsWith("+")) {
            throw new NumberFormatException("a sign is not allowed; expected an unsigned 64-bit address");
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            String digits = t.substring(2);
            if (digits.isEmpty() || !digits.matches("[0-9a-fA-F]+")) {
                throw new NumberFormatException("\"" + text + "\" is not hex; expected digits 0-9a-f after 0x");
            }
            String stripped = digits.replaceFirst("^0+(?=.)", "");
            if (stripped.length() > 16) {
                throw new NumberFormatException("\"" + text + "\" is above 2^64 - 1; addresses are unsigned 64-bit");
            }
            return Long.parseUnsignedLong(stripped, 16);
        }
        if (!t.matches("[0-9]+")) {
            throw new NumberFormatException("\"" + text + "\" is not a number; expected hex such as \"0x40000000\"");
        }
        try {
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("\"" + text + "\" is above 2^64 - 1; addresses are unsigned 64-bit");
        }
    }

    /**
     * Parses a size: hex ({@code 0x200000}), decimal bytes, or a number with a binary unit suffix
     * K, M, G, T, P, E (optionally followed by "iB" or "B"): "4G", "2M", "1536K".
     *
     * @throws NumberFormatException when the text is malformed or the size exceeds 2^64 - 1
     */
    public static long parseSize(String text) {
        String t = text.strip().replace("_", "");
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return parseAddress(t);
        }
        var m = java.util.regex.Pattern.compile("([0-9]+)\\s*([KMGTPE]?)(?:i?B)?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(t);
        if (!m.matches()) {
            throw new NumberFormatException("\"" + text
                    + "\" is not a size; expected hex (\"0x200000\"), bytes, or a number with K/M/G/T (\"4G\")");
        }
        long n;
        try {
            n = Long.parseUnsignedLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new NumberFormatException("\"" + text + "\" is above 2^64 - 1");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int shift = unit.isEmpty() ? 0 : 10 * "KMGTPE".indexOf(unit.charAt(0)) + 10;
        if (shift > 0 && (n >>> (64 - shift)) != 0) {
            throw new NumberFormatException("\"" + text + "\" is above 2^64 - 1");
        }
        return n << shift;
    }
}
