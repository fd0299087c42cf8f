package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9 item 14, found by a newcomer's trial: as root, {@code render -o /dev/full} (or through a
 * symlink to it) exited 0 and left a regular PNG where the device node was. Every command that writes
 * a file must refuse an existing target that is not a regular file, say what it is, and leave the
 * node as it was. The nodes are made in a temp dir; nothing under /dev is touched.
 */
class SpecialOutputTargetTest {
    @TempDir
    Path dir;

    private static final String Q35 = "src/test/resources/samples-real/qemu-x86-q35/";

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String node : List.of("chardev", "fifo")) {
            for (boolean viaLink : List.of(false, true)) {
                all.add(Arguments.of(node, viaLink, List.of("render", "samples/vfio-bar-device.json", "-o", "OUT.png")));
                all.add(Arguments.of(node, viaLink, List.of("render", "samples/vfio-bar-device.json", "-o", "OUT.svg")));
                all.add(Arguments.of(node, viaLink, List.of("report", "samples/vfio-bar-device.json", "-o", "OUT.html")));
                all.add(Arguments.of(node, viaLink, List.of("import", "--monitor", Q35 + "monitor.txt", "--smaps", Q35 + "smaps.txt", "-o", "OUT.json")));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{2} onto a {0}, through a link: {1}")
    @MethodSource("cases")
    void aNodeThatIsNotARegularFileIsRefusedAndLeftAsItWas(String node, boolean viaLink, List<String> command) throws Exception {
        String ext = command.get(command.size() - 1).substring(3);
        Path special = dir.resolve(node + ext);
        String kind = make(node, special);
        Path out = special;
        if (viaLink) {
            out = Files.createSymbolicLink(dir.resolve("picture" + ext), special);
        }
        List<String> args = new ArrayList<>(command);
        args.set(args.size() - 1, out.toString());

        CliRun r = CliRun.run(args.toArray(String[]::new));

        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is " + kind + ", not a regular file"), r.err());
        assertTrue(r.err().contains(out.toString()), "the sentence names the path given: " + r.err());
        List<String> lines = r.err().strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("not a regular file") && last.endsWith("expected a file to write"), "one sentence, last: " + r.err());
        if (!command.get(0).equals("import")) { // import first prints its report of what it read
            assertEquals(1, lines.size(), "one sentence: " + r.err());
        }
        assertFalse(Files.isRegularFile(special, LinkOption.NOFOLLOW_LINKS), "the node was replaced by a file");
        assertEquals(kind, kindOf(special));
        if (viaLink) {
            assertTrue(Files.isSymbolicLink(out), "the link stays");
        }
        try (var s = Files.list(dir)) {
            assertEquals(viaLink ? 2 : 1, s.count(), "no temp file left beside it");
        }
    }

    /** A FIFO anyone can make; a character device (c 1 7, as /dev/full) needs root, else the case is skipped. */
    private static String make(String node, Path p) throws Exception {
        Process mk = node.equals("fifo")
                ? new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start()
                : new ProcessBuilder("mknod", p.toString(), "c", "1", "7").redirectErrorStream(true).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "cannot make a " + node + " here (mknod needs root)");
        return kindOf(p);
    }

    private static String kindOf(Path p) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%F", p.toString()).start();
        String type = new String(stat.getInputStream().readAllBytes()).strip();
        stat.waitFor();
        return switch (type) {
            case "character special file" -> "a character device";
            case "fifo" -> "a named pipe";
            default -> type;
        };
    }
}
