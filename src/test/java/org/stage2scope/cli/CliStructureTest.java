package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What every command shares: --help, option syntax, usage errors, completion, checked output, FILE.json. */
class CliStructureTest {

    /** Every registered command, including ones added later: the tests below cover them without edits. */
    private static Set<String> commands() {
        return new CommandLine(new Stage2ScopeCommand(p -> {})).getSubcommands().keySet();
    }

    @Test
    void everyCommandHasHelpOnStdoutWithExitZero() {
        assertTrue(commands().containsAll(List.of("check", "compare", "render", "table", "memtype", "import", "completion")));
        for (String c : commands()) {
            for (String flag : List.of("--help", "-h")) {
                CliRun r = CliRun.run(c, flag);
                assertEquals(0, r.code(), c + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: stage2scope " + c) || c.equals("help"), c + ":\n" + r.out());
                assertEquals("", r.err(), c);
            }
        }
        CliRun top = CliRun.run("--help");
        assertEquals(0, top.code());
        for (String c : commands()) {
            assertTrue(top.out().contains("\n  " + c + " "), "top-level help lists " + c + "\n" + top.out());
        }
    }

    @Test
    void everyCommandRefusesAnUnknownOptionWithOneSentenceAndExitTwo() {
        for (String c : commands()) {
            if (c.equals("help")) {
                continue;
            }
            CliRun r = CliRun.run(c, "--no-such-option");
            assertEquals(2, r.code(), c);
            List<String> lines = r.err().lines().toList();
            assertEquals(2, lines.size(), c + ": one sentence and one hint\n" + r.err());
            assertTrue(lines.get(0).startsWith("stage2scope " + c + ": "), r.err());
            assertEquals("Try 'stage2scope " + c + " --help' for more information.", lines.get(1));
            assertEquals("", r.out(), c);
        }
    }

    @Test
    void anUnknownOptionIsNamed() {
        CliRun r = CliRun.run("table", "--arch", "arm64", "--no-such-option");
        assertEquals(2, r.code());
        assertEquals("stage2scope table: unknown option: '--no-such-option'\n"
                + "Try 'stage2scope table --help' for more information.\n", r.err());
    }

    @Test
    void optionValuesTakeBothSpellings() {
        CliRun spaced = CliRun.run("memtype", "--arch", "x86-intel", "--ept", "WB", "--ipat", "0", "--pat", "WC");
        CliRun joined = CliRun.run("memtype", "--arch=x86-intel", "--ept=WB", "--ipat=0", "--pat=WC");
        assertEquals(0, joined.code(), joined.err());
        assertTrue(joined.out().startsWith("WC  WC: "), joined.out());
        assertEquals(spaced.out(), joined.out());
    }

    @Test
    void anUnknownCommandNamesTheCommands() {
        CliRun r = CliRun.run("chekc");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stage2scope: unknown command \"chekc\"; expected one of check, compare, "), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.opened().isEmpty());
    }

    @Test
    void aScenarioFileAloneOpensTheWindowAfterItLoads(@TempDir Path dir) throws Exception {
        CliRun ok = CliRun.run("samples/vfio-bar-device.json");
        assertEquals(0, ok.code(), ok.err());
        assertEquals(List.of(Path.of("samples/vfio-bar-device.json")), ok.opened());

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": 3}");
        CliRun refused = CliRun.run(bad.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().startsWith("stage2scope: " + bad + ":1:"), refused.err());
        assertTrue(refused.opened().isEmpty(), "a file that does not load never reaches the window");
    }

    @Test
    void completionScriptCoversEveryCommandAndItsOptions() {
        CliRun r = CliRun.run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F _complete_stage2scope"), r.out());
        for (String c : commands()) {
            assertTrue(r.out().contains(c), c);
        }
        assertTrue(r.out().contains("--policy") && r.out().contains("force-flag-strict"), "option values complete too");
    }

    @Test
    void aFullDiskOnStdoutIsExitTwoWithTheCause() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (String[] args : List.of(new String[] {"table", "--arch", "arm64"}, new String[] {"check", "samples/vfio-bar-device.json"},
                new String[] {"compare", "samples/vfio-bar-device.json", "--format=json"}, new String[] {"--help"})) {
            err.reset();
            try (CheckedPrintStream out = new CheckedPrintStream(new FileOutputStream(full.toFile()))) {
                int code = Cli.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
                assertEquals(2, code, String.join(" ", args));
            }
            assertEquals("stage2scope: cannot write to the standard output: disk full\n", err.toString(StandardCharsets.UTF_8),
                    String.join(" ", args));
        }
    }

    @Test
    void aFailedWriteIsCaughtWhateverTheStream() {
        PrintStream failing = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        }, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"table", "--arch", "x86-amd"}, failing, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertFalse(err.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
