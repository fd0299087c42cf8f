package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 items 3, 6, 7, 13 and 15: what an input can be, and what it cannot. */
class InputsTest {
    @TempDir
    Path dir;

    private Path copy(String resource, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
        CliRun r = CliRun.run("check", fifo.toString());
        assertEquals(2, r.code());
        assertEquals("stage2scope check: " + fifo + ": not a regular file (a FIFO, socket or device); expected a file, or - for standard input\n", r.err());
        CliRun imp = CliRun.run("import", "--smaps", fifo.toString(), "--monitor", fifo.toString());
        assertEquals(2, imp.code());
        assertTrue(imp.err().startsWith("stage2scope import: " + fifo + ": not a regular file"), imp.err());
    }

    @Test
    void devicesAreRefused() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        CliRun r = CliRun.run("compare", "/dev/zero");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stage2scope compare: /dev/zero: not a regular file"), r.err());
    }

    @Test
    void standardInputIsDashWithTheSameLimit() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of("samples/vfio-bar-device.json"))));
            CliRun ok = CliRun.run("check", "-");
            assertEquals(0, ok.code(), ok.err());
            assertTrue(ok.out().startsWith("Stage2Scope report: "), ok.out());

            System.setIn(new InputStream() { // endless, like /dev/zero behind a pipe
                @Override
                public int read() {
                    return ' ';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                    return len;
                }
            });
            CliRun endless = CliRun.run("check", "-");
            assertEquals(2, endless.code());
            assertTrue(endless.err().startsWith("stage2scope check: <stdin>: the input is above the limit of 67108864 bytes (64 MiB)"), endless.err());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void importRefusesToOverwriteItsOwnInput() throws Exception {
        Path smaps = copy("samples-real/qemu-aarch64-virt-uefi/smaps.txt", "smaps.txt");
        Path monitor = copy("samples-real/qemu-aarch64-virt-uefi/monitor.txt", "monitor.txt");
        byte[] before = Files.readAllBytes(smaps);
        CliRun r = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString(),
                "-o", dir.resolve("x/../smaps.txt").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().endsWith("x/../smaps.txt: is the --smaps input; refusing to overwrite it, expected another file for -o\n"),
                r.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(smaps)), "the capture is untouched");
    }

    @Test
    void smapsWithAByteOrderMarkImports() throws Exception {
        Path smaps = dir.resolve("smaps.txt");
        Files.writeString(smaps, "\uFEFF" + new String(Files.readAllBytes(copy("samples-real/qemu-aarch64-virt-uefi/smaps.txt", "s0")),
                StandardCharsets.UTF_8));
        Path monitor = copy("samples-real/qemu-aarch64-virt-uefi/monitor.txt", "monitor.txt");
        CliRun r = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("slot 2: gpa 0x40000000 size 2 GiB"), r.err());
    }

    @Test
    void missingDirectoriesAndEmptyPathsNameThemselves() {
        CliRun r = CliRun.run("check", dir.resolve("no/such.json").toString());
        assertEquals("stage2scope check: " + dir.resolve("no/such.json") + ": no such directory\n", r.err());
        CliRun empty = CliRun.run("check", "");
        assertEquals(2, empty.code());
        assertEquals("stage2scope check: \"\" (an empty path): expected a file name\n", empty.err());
        assertFalse(empty.err().contains("Exception"));
    }
}
