package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.io.SampleCatalog;

/**
 * Issue 9 "keep it true": seeded mutations of the bundled samples and the real QEMU captures,
 * bounded to a few seconds. Every run exits 0 or 2, never prints a stack trace, every refusal
 * names its file first, and every accepted import accounts for every range line of the system
 * flat view (imported as a range, or reported with its line number).
 */
class FuzzTest {
    private static final long SEED = 0x5ca1ab1eL;
    private static final long BUDGET_NANOS = 4_000_000_000L;
    private static final Pattern REPORTED_LINE = Pattern.compile("monitor\\.txt:([0-9]+)");
    private static final Pattern RANGE_LIKE = Pattern.compile("\\s+[0-9a-zA-Z]+-[0-9a-zA-Z]+ .*");

    private static final String NOISE = "{}[],:\"0-x\\\u0000\u001b9e";

    @TempDir
    Path dir;

    private void assertClean(CliRun r, String file, String what) {
        assertTrue(r.code() == 0 || r.code() == 2, what + ": exit " + r.code() + "\n" + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"),
                what + ": " + r.err());
        if (r.code() == 2) {
            assertTrue(r.err().startsWith(file + ":") || r.err().startsWith("smaps.txt") || r.err().contains(dir.toString()),
                    what + ": refusal not located: " + r.err());
        }
    }

    private static String mutateJson(String s, Random rnd) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(6)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, NOISE.charAt(rnd.nextInt(NOISE.length())));
                case 2 -> b.setLength(at);
                case 3 -> {
                    int end = Math.min(b.length(), at + rnd.nextInt(40));
                    b.insert(at, b.substring(at, end));
                }
                case 4 -> {
                    if (Character.isDigit(b.charAt(at))) {
                        b.setCharAt(at, (char) ('0' + rnd.nextInt(10)));
                    } else {
                        b.setCharAt(at, 'f');
                    }
                }
                default -> b.insert(at, "\"" + "k".repeat(rnd.nextInt(3)) + "\": 1,");
            }
        }
        return b.toString();
    }

    @Test
    void mutatedScenariosExitZeroOrTwoWithALocatedSentence() throws IOException {
        Random rnd = new Random(SEED);
        List<String> samples = SampleCatalog.list().stream().map(s -> "samples/" + s.fileName()).toList();
        long deadline = System.nanoTime() + BUDGET_NANOS / 2;
        int runs = 0;
        while (System.nanoTime() < deadline || runs < 5) {
            String source = samples.get(rnd.nextInt(samples.size()));
            Path f = dir.resolve("m" + runs + ".json");
            Files.writeString(f, mutateJson(Files.readString(Path.of(source)), rnd));
            String command = rnd.nextBoolean() ? "check" : "compare";
            assertClean(CliRun.run(command, f.toString()), f.toString(), command + " " + source + " run " + runs);
            runs++;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FuzzTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One line of the system flat view changed the way terminals and hurried users change them. */
    private static String mutateLine(String line, Random rnd) {
        return switch (rnd.nextInt(9)) {
            case 0 -> "(qemu) " + line;
            case 1 -> line + "\r\r";
            case 2 -> "\u001b[1;32m" + line + "\u001b[0m";
            case 3 -> line.replaceFirst("[0-9a-f](?=[0-9a-f]*-)", "g");
            case 4 -> line.replace(", ram)", ", ramz)").replace(", i/o)", ", io)");
            case 5 -> line + "\n(qemu) ";
            case 6 -> line + "\n  stray text";
            case 7 -> line.substring(0, rnd.nextInt(line.length() + 1));
            default -> "";
        };
    }

    @Test
    void mutatedCapturesImportCompletelyOrExitTwo() throws IOException {
        Random rnd = new Random(SEED + 1);
        String[] dirs = {"samples-real/qemu-aarch64-virt-uefi/", "samples-real/qemu-x86-q35/"};
        long deadline = System.nanoTime() + BUDGET_NANOS / 2;
        int runs = 0;
        while (System.nanoTime() < deadline || runs < 5) {
            String d = dirs[rnd.nextInt(dirs.length)];
            Path smaps = Files.writeString(dir.resolve("smaps.txt"), resource(d + "smaps.txt"));
            List<String> lines = new ArrayList<>(List.of(resource(d + "monitor.txt").split("\n", -1)));
            int as = lines.indexOf(" AS \"memory\", root: system\r");
            int end = as;
            while (end < lines.size() && !lines.get(end).isBlank() && !lines.get(end).equals("\r")) {
                end++;
            }
            for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
                int at = as + 1 + rnd.nextInt(end - as - 1);
                lines.set(at, mutateLine(lines.get(at), rnd));
            }
            String text = String.join("\n", lines);
            Path monitor = Files.writeString(dir.resolve("monitor.txt"), text);
            Path out = dir.resolve("vm" + runs + ".json");
            CliRun r = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString(), "-o", out.toString());
            assertClean(r, monitor.toString(), "import run " + runs);
            if (r.code() == 0) {
                assertEveryRangeLineAccountedFor(text, r.err(), Files.readString(out), "import run " + runs);
            }
            runs++;
        }
    }

    /**
     * Each range-shaped line of the "memory" flat view (after the terminal noise a user pastes) is
     * either a slot or a report line naming it, or it was understood as a non-memory range, which
     * the report's "kept"/"slot" lines need not mention: so the check is that no line number of a
     * mangled line goes unmentioned.
     */
    private static void assertEveryRangeLineAccountedFor(String text, String report, String scenario, String what) {
        Set<Integer> mentioned = new HashSet<>();
        Matcher m = REPORTED_LINE.matcher(report);
        while (m.find()) {
            mentioned.add(Integer.parseInt(m.group(1)));
        }
        String[] lines = text.split("\n", -1);
        boolean inSystem = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("\r+$", "");
            if (l.startsWith(" AS \"memory\"")) {
                inSystem = true;
                continue;
            }
            if (inSystem && l.isBlank()) {
                break;
            }
            boolean mangled = l.contains(", ramz)") || l.contains(", io)") || l.contains("stray text");
            if (inSystem && mangled && RANGE_LIKE.matcher(l).matches() || inSystem && l.contains("stray text")) {
                assertTrue(mentioned.contains(i + 1), what + ": line " + (i + 1) + " \"" + l + "\" was dropped without a word\n" + report);
            }
        }
        assertTrue(scenario.contains("\"memslots\""), what);
    }
}
