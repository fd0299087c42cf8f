package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.model.PolicyId;
import org.stage2scope.report.ReportFixtures;

class IoCommandsTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final List<PolicyId> asked = new ArrayList<>();

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private int check(String... args) {
        return run("check", args);
    }

    private int compare(String... args) {
        return run("compare", args);
    }

    /** The real command tree, with check and compare evaluating to fixed evaluations. */
    private int run(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.with(new CheckCommand((s, p) -> {
            asked.add(p);
            return ReportFixtures.upstream();
        }), new CompareCommand(s -> List.of(ReportFixtures.pre617(), ReportFixtures.upstream()))).args(all);
        outBytes.writeBytes(r.out().getBytes(StandardCharsets.UTF_8));
        errBytes.writeBytes(r.err().getBytes(StandardCharsets.UTF_8));
        return r.code();
    }

    private static Path scenarioFile(Path dir) throws Exception {
        Path f = dir.resolve("tiny.json");
        ScenarioWriter.save(ReportFixtures.scenario(), f);
        return f;
    }

    @Test
    void checkPrintsTheTextReportAndExitsZero(@TempDir Path dir) throws Exception {
        assertEquals(0, check(scenarioFile(dir).toString()));
        assertTrue(out().startsWith("Stage2Scope report: tiny\n"), out());
        assertEquals("", err());
        assertEquals(List.of(PolicyId.UPSTREAM), asked);
    }

    @Test
    void checkPassesThePolicyAndPrintsJson(@TempDir Path dir) throws Exception {
        assertEquals(0, check(scenarioFile(dir).toString(), "--policy", "force-flag-strict", "--format=json"));
        assertEquals(List.of(PolicyId.FORCE_FLAG_STRICT), asked);
        assertTrue(out().startsWith("{\n  \"format\": \"stage2scope-report/1\","), out());
    }

    @Test
    void unreadableInputExitsTwoWithTheLocatedMessageAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"stage2scope-scenario/1\",\n \"vm\": {\"policy\": \"nope\"}}");
        assertEquals(2, check(bad.toString()));
        assertEquals("stage2scope check: " + bad + ":2:19: vm.policy: \"nope\" is not a policy; expected one of \"pre-6.17\", \"upstream\", "
                + "\"v6-enable-flag\", \"force-flag\", \"force-flag-strict\"\n", err());
        assertEquals("", out());
        assertTrue(asked.isEmpty());
    }

    @Test
    void missingFileExitsTwo(@TempDir Path dir) {
        assertEquals(2, compare(dir.resolve("none.json").toString()));
        assertEquals("stage2scope compare: " + dir.resolve("none.json") + ": no such file\n", err());
    }

    @Test
    void unknownPolicyIsAUsageErrorListingTheValidOnes(@TempDir Path dir) throws Exception {
        assertEquals(2, check(scenarioFile(dir).toString(), "--policy", "v7"));
        assertEquals("stage2scope check: invalid value for option '--policy': \"v7\" is not a policy; expected one of "
                + "\"pre-6.17\", \"upstream\", \"v6-enable-flag\", \"force-flag\", \"force-flag-strict\"\n"
                + "Try 'stage2scope check --help' for more information.\n", err());
        assertTrue(asked.isEmpty());
    }

    @Test
    void unknownOptionAndMissingFileAreUsageErrors() {
        assertEquals(2, check("x.json", "--colour=red"));
        assertTrue(err().startsWith("stage2scope check: unknown option: '--colour=red'\n"), err());
        errBytes.reset();
        assertEquals(2, check());
        assertTrue(err().startsWith("stage2scope check: missing required parameter: 'FILE'\n"), err());
        errBytes.reset();
        assertEquals(2, check("a.json", "--format"));
        assertTrue(err().startsWith("stage2scope check: missing required parameter for option '--format' (text|json)\n"), err());
        errBytes.reset();
        assertEquals(2, compare("a.json", "--format", "xml"));
        assertTrue(err().startsWith("stage2scope compare: invalid value for option '--format': expected one of [text, json]"), err());
        errBytes.reset();
        assertEquals(2, compare("a.json", "--policy", "upstream"));
        assertTrue(err().startsWith("stage2scope compare: unknown options: '--policy', 'upstream'\n"), err());
        assertEquals(2, err().lines().count(), "one sentence and one hint, no usage dump: " + err());
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        assertEquals(0, compare("--help"));
        assertTrue(out().startsWith("Usage: stage2scope compare [-h] [--format=text|json] FILE\n"), out());
        assertEquals("", err());
    }

    @Test
    void compareRendersEveryPolicyColumn(@TempDir Path dir) throws Exception {
        assertEquals(0, compare(scenarioFile(dir).toString()));
        assertTrue(out().contains("  *  1  3     0xffffffffc0000000  1G           EINVAL *  ok\n"), out());
        outBytes.reset();
        assertEquals(0, compare(scenarioFile(dir).toString(), "--format", "json"));
        assertTrue(out().contains("\"format\": \"stage2scope-compare/2\""), out());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void cliDispatchesCheckToThisCommand(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("empty.json"), "");
        assertEquals(2, Cli.run(new String[] {"check", bad.toString()}, out, err));
        assertEquals("stage2scope check: " + bad + ":1:1: the file is empty; expected a JSON object starting with {\"format\": \"stage2scope-scenario/1\"\n", err());
    }

}
