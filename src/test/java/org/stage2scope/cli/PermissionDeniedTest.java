package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EACCES as a user meets it: a scenario or capture the user may not read, an output directory the
 * user may not write. The suite runs as root, for whom open(2) never fails with EACCES, so as root
 * the real main class runs in a child JVM as {@code nobody} (setpriv, else runuser) from a copy of
 * the classpath that nobody can read; as any other user a chmod 000 file and a 555 directory do it
 * in-process. Each refusal is exit 2 and one sentence naming the path, and no output file appears.
 */
class PermissionDeniedTest {
    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final String SMAPS_HINT = " (smaps of another user's process needs root: sudo cat /proc/PID/smaps > smaps.txt)";

    @TempDir
    Path dir;

    private Path ok;
    private Path smaps;
    private Path monitor;

    @BeforeEach
    void inputsNobodyMayRead() throws IOException {
        Files.setPosixFilePermissions(dir, WORLD_READABLE_DIR);
        ok = copy(Path.of("samples/vfio-bar-device.json"), "ok.json", "rw-r--r--");
        Path real = Path.of("src/test/resources/samples-real/qemu-x86-q35");
        smaps = copy(real.resolve("smaps.txt"), "smaps.txt", "rw-r--r--");
        monitor = copy(real.resolve("monitor.txt"), "monitor.txt", "rw-r--r--");
    }

    // ---- as root: the real main class as nobody ----

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void nobodyCannotReadAScenarioOrACapture() throws Exception {
        List<String> asNobody = dropToNobody();
        Path secret = copy(ok, "secret.json", "rw-------");
        Path secretSmaps = copy(smaps, "secret-smaps.txt", "rw-------");

        Run check = runMain(asNobody, "check", secret.toString());
        assertEquals(2, check.code, check.err);
        assertEquals("stage2scope check: " + secret + ": cannot read: permission denied\n", check.err);
        assertEquals("", check.out);

        Path out = dir.resolve("imported.json");
        Run imp = runMain(asNobody, "import", "--smaps", secretSmaps.toString(), "--monitor", monitor.toString(), "-o", out.toString());
        assertEquals(2, imp.code, imp.err);
        assertEquals("stage2scope import: " + secretSmaps + ": cannot read: permission denied" + SMAPS_HINT + "\n", imp.err);
        assertFalse(Files.exists(out));

        // The same files readable: the child JVM itself works, so the refusals above are EACCES and nothing else.
        Run readable = runMain(asNobody, "check", ok.toString());
        assertEquals(0, readable.code, readable.err);
        assertTrue(readable.out.startsWith("Stage2Scope report: "), readable.out);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void nobodyCannotWriteIntoADirectoryRootOwns() throws Exception {
        List<String> asNobody = dropToNobody();
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, WORLD_READABLE_DIR); // root's rwx, everyone else r-x

        for (String[] cmd : List.of(
                new String[] {"render", ok.toString(), "-o", locked.resolve("picture.svg").toString()},
                new String[] {"report", ok.toString(), "-o", locked.resolve("review.md").toString()})) {
            Run r = runMain(asNobody, cmd);
            assertEquals(2, r.code, String.join(" ", cmd) + ": " + r.err);
            assertEquals("stage2scope " + cmd[0] + ": " + cmd[cmd.length - 1] + ": cannot write: permission denied\n", r.err);
        }
        // import prints its report (what it guessed, how it mapped each block) to stderr first; the refusal is the last line.
        Path vm = locked.resolve("vm.json");
        Run imp = runMain(asNobody, "import", "--smaps", smaps.toString(), "--monitor", monitor.toString(), "-o", vm.toString());
        assertEquals(2, imp.code, imp.err);
        List<String> refusals = imp.err.lines().filter(l -> l.startsWith("stage2scope import: ")).toList();
        assertEquals(List.of("stage2scope import: " + vm + ": cannot write the scenario: permission denied"), refusals);
        assertTrue(imp.err.endsWith(refusals.get(0) + "\n"), imp.err);
        try (var left = Files.list(locked)) {
            assertEquals(List.of(), left.toList(), "no output and no temp file in the directory nobody may not write");
        }
    }

    // ---- as any other user: chmod is enough ----

    @Test
    void chmodDeniesReadingAndWritingToAUserWhoIsNotRoot() throws Exception {
        Assumptions.assumeFalse(isRoot(), "runs as root: chmod 000 does not deny root; the nobody tests above cover EACCES");
        Path secret = copy(ok, "secret.json", "---------");
        CliRun check = CliRun.run("check", secret.toString());
        assertEquals(2, check.code());
        assertEquals("stage2scope check: " + secret + ": cannot read: permission denied\n", check.err());

        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path svg = locked.resolve("picture.svg");
            CliRun render = CliRun.run("render", ok.toString(), "-o", svg.toString());
            assertEquals(2, render.code());
            assertEquals("stage2scope render: " + svg + ": cannot write: permission denied\n", render.err());
            try (var left = Files.list(locked)) {
                assertEquals(List.of(), left.toList());
            }
        } finally {
            Files.setPosixFilePermissions(locked, WORLD_READABLE_DIR); // so @TempDir can clean up
        }
    }

    // ---- the child JVM ----

    private record Run(int code, String out, String err) {}

    /** The command prefix that runs as nobody:nogroup with no supplementary groups; skips when that is not possible. */
    private List<String> dropToNobody() throws Exception {
        Assumptions.assumeTrue(isRoot(), "not root: EACCES is shown by the chmod test instead of running as nobody");
        Assumptions.assumeTrue(traversableByAll(dir), dir + " has an ancestor nobody cannot enter; cannot stage files for nobody");
        if (succeeds("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "true")) {
            return List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        }
        if (succeeds("runuser", "-u", "nobody", "--", "true")) {
            return List.of("runuser", "-u", "nobody", "--");
        }
        Assumptions.abort("neither setpriv nor runuser can switch to nobody here; the EACCES tests cannot run");
        return List.of();
    }

    private Run runMain(List<String> asNobody, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(asNobody);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:-UsePerfData", "-Xmx256m", "-Djava.awt.headless=true", "-Duser.home=" + dir,
                "-cp", classpathNobodyCanRead(), "org.stage2scope.Main"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the child JVM did not finish: " + cmd);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private String classpathNobodyCanRead; // built once per test: the copies live in this test's @TempDir

    /**
     * The test classpath lives under /root (mode 700), so nobody cannot load it: hard-link (or copy)
     * every jar and copy target/classes into a world-readable directory. Test jars come along; they
     * change nothing for the main class.
     */
    private String classpathNobodyCanRead() throws IOException {
        if (classpathNobodyCanRead != null) {
            return classpathNobodyCanRead;
        }
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.setPosixFilePermissions(lib, WORLD_READABLE_DIR);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (Files.isRegularFile(from) && entry.endsWith(".jar")) {
                Path to = lib.resolve(n++ + "-" + from.getFileName());
                try {
                    Files.createLink(to, from);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(from, to);
                }
                if (!Files.getPosixFilePermissions(to).contains(PosixFilePermission.OTHERS_READ)) {
                    Files.delete(to);
                    Files.copy(from, to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                }
                entries.add(to.toString());
            }
        }
        Path classes = lib.resolve("classes");
        copyTree(Path.of("target/classes"), classes);
        entries.add(0, classes.toString());
        classpathNobodyCanRead = String.join(File.pathSeparator, entries);
        return classpathNobodyCanRead;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, Files.isDirectory(p) ? WORLD_READABLE_DIR
                        : PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    private Path copy(Path from, String name, String mode) throws IOException {
        Path to = dir.resolve(name);
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
        return to;
    }

    private boolean isRoot() throws IOException {
        Path probe = Files.createTempFile(dir, "uid", ".probe");
        try {
            return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0; // a new file is owned by the effective uid
        } finally {
            Files.delete(probe);
        }
    }

    private static boolean traversableByAll(Path p) throws IOException {
        for (Path a = p.toAbsolutePath(); a != null; a = a.getParent()) {
            if (!Files.getPosixFilePermissions(a).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static boolean succeeds(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
