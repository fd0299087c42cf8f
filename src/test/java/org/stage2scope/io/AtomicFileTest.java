package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 items 13 and 14: an atomic save behaves like a plain write, and says why it failed. */
class AtomicFileTest {
    @TempDir
    Path dir;

    private static void write(Path p, String text) throws IOException {
        AtomicFile.write(p, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writingThroughASymlinkReplacesItsTargetAndKeepsTheLink() throws Exception {
        Path target = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(target));
    }

    @Test
    void dotDotIsResolvedByTheFileSystemAfterSymlinks() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("other/sub"));
        Files.createSymbolicLink(dir.resolve("d"), deep);
        write(Path.of(dir + "/d/../x.json"), "here");
        assertEquals("here", Files.readString(dir.resolve("other/x.json")), "d/.. is other/, as the OS resolves it");
        assertFalse(Files.exists(dir.resolve("x.json")), "not the lexically normalised ./x.json");
    }

    @Test
    void staleTempFilesOfOurPatternAreRemovedByTheNextWrite() throws Exception {
        Path stale = Files.writeString(dir.resolve(".vm.json.8231.tmp"), "killed");
        Path foreign = Files.writeString(dir.resolve(".vm.json.backup.tmp"), "not ours");
        write(dir.resolve("vm.json"), "{}");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(foreign), "only our own pattern is touched");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(".vm.json.backup.tmp", "vm.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aReplacedFileKeepsItsMode() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        write(f, "new");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aNewFileHonoursTheUmask() throws Exception {
        Path out = dir.resolve("vm.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "umask 077 && exec \"$0\" -cp \"$1\" org.stage2scope.Main render \"$2\" -o \"$3\"",
                java, System.getProperty("java.class.path"), Path.of("samples/vfio-bar-device.json").toAbsolutePath().toString(),
                dir.resolve("pic.svg").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pic.svg"))));
        assertFalse(Files.exists(out));
    }

    @Test
    void failuresSayWhy() throws Exception {
        IOException noDir = assertThrows(IOException.class, () -> write(dir.resolve("missing/vm.json"), "x"));
        assertEquals("no such directory", noDir.getMessage());
        IOException empty = assertThrows(IOException.class, () -> write(Path.of(""), "x"));
        assertEquals("an empty path names no file", empty.getMessage());
        IOException isDir = assertThrows(IOException.class, () -> write(Path.of("/"), "x"));
        assertEquals("not a file name", isDir.getMessage());
    }

    @Test
    void aFullDiskIsSaidAndLeavesTheOldFileAndNoTemp() throws Exception {
        Path tiny = Files.createDirectories(dir.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "needs permission to mount a tmpfs");
        try {
            Path f = Files.writeString(tiny.resolve("vm.json"), "old");
            IOException full = assertThrows(IOException.class, () -> write(f, "x".repeat(1 << 20)));
            assertEquals("disk full", full.getMessage());
            assertEquals("old", Files.readString(f));
            try (var s = Files.list(tiny)) {
                assertEquals(1, s.count(), "no temp file left");
            }
        } finally {
            new ProcessBuilder("umount", tiny.toString()).start().waitFor();
        }
    }
}
