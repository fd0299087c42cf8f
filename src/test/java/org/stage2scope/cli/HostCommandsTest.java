package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.host.FakeKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Scenario;

/** probe, replay and import --host on a kernel double: output, files and exit codes. */
class HostCommandsTest {
    @TempDir
    Path dir;

    private static final String CALLS = """
            {"format": "stage2scope-scenario/1", "name": "two", "host": {"arch": "x86-amd"},
             "vmas": [{"name": "ram", "start": "0x600000000000", "size": "4G", "perms": "rw-p"}],
             "memslots": [{"slot": 0, "gpa": "0x0", "size": "1G", "hva": "0x600000000000"},
                          {"slot": 1, "gpa": "0x20000000", "size": "1G", "hva": "0x600040000000"}]}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void probeWithoutKvmSaysWhyReportsTheRestAndWritesAHostThatLoads() throws Exception {
        FakeKernel k = FakeKernel.withoutKvm(Kernel.ENODEV);
        Path out = dir.resolve("host.json");
        CliRun r = CliRun.with(new ProbeCommand(() -> k)).args("probe", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("/dev/kvm: no such device"), r.out());
        assertTrue(r.out().contains("AuthenticAMD") && r.out().matches("(?s).*ss \\(self-snoop\\): +yes.*"), r.out());
        Scenario host = ScenarioReader.read(out);
        assertEquals(Arch.X86_AMD, host.host().arch());
        assertEquals("wrote " + out + "\n", r.err());
    }

    @Test
    void probedAddressSpacesReachTheScenarioAndTheEngine() throws Exception {
        FakeKernel k = new FakeKernel();
        k.caps.put(org.stage2scope.host.KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 1L);
        Path out = dir.resolve("host.json");
        assertEquals(0, CliRun.with(new ProbeCommand(() -> k)).args("probe", "-o", out.toString()).code());
        String json = Files.readString(out);
        assertTrue(json.contains("\"addressSpaces\": 1") && json.contains("\"release\": \"6.18.0-fake\""), json);
        Path smm = write("smm.json", json.replace("\"memslots\": []",
                "\"memslots\": [{\"slot\": 0, \"addressSpace\": 1, \"gpa\": \"0x0\", \"size\": \"4K\", \"hva\": \"0x7f0000000000\"}]"));
        CliRun check = CliRun.run("check", smm.toString(), "--format", "json");
        assertTrue(check.out().contains("\"rule\": \"memslot.as-id.range\""), check.out());
    }

    @Test
    void replayAgreeingExitsZeroAndDisagreeingThree() throws Exception {
        Path f = write("two.json", CALLS);
        FakeKernel agree = new FakeKernel();
        agree.regionAnswers.addAll(List.of(0, Kernel.EEXIST));
        CliRun ok = CliRun.with(new ReplayCommand(() -> agree)).args("replay", f.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("2 call(s): 2 issued, 2 agree, 0 DISAGREE, 0 not reproduced"), ok.out());
        FakeKernel disagree = new FakeKernel();
        CliRun bad = CliRun.with(new ReplayCommand(() -> disagree)).args("replay", f.toString(), "--format", "json");
        assertEquals(3, bad.code(), bad.out());
        assertTrue(bad.out().contains("\"verdict\" : \"DISAGREE\"") && bad.out().contains("\"format\" : \"stage2scope-replay/1\""),
                bad.out());
        assertTrue(disagree.openFds.isEmpty() && disagree.mapped.isEmpty());
    }

    @Test
    void replayWithoutKvmExitsFourWithOneSentenceAndBadInputTwo() throws Exception {
        Path f = write("two.json", CALLS);
        CliRun none = CliRun.with(new ReplayCommand(() -> FakeKernel.withoutKvm(Kernel.ENOENT))).args("replay", f.toString());
        assertEquals(4, none.code());
        assertTrue(none.out().contains("Nothing was replayed: /dev/kvm: no such file"), none.out());
        Path broken = write("broken.json", "{\"format\": \"stage2scope-scenario/1\", \"memslots\": [{\"slot\": 0}]}");
        CliRun bad = CliRun.with(new ReplayCommand(FakeKernel::new)).args("replay", broken.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("stage2scope replay: " + broken + ":1:"), bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void importTakesTheProbedHostAndRefusesAContradictingArch() throws Exception {
        Path smaps = Path.of("src/test/resources/samples-real/qemu-x86-q35/smaps.txt");
        Path monitor = Path.of("src/test/resources/samples-real/qemu-x86-q35/monitor.txt");
        FakeKernel k = new FakeKernel();
        k.caps.put(org.stage2scope.host.KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 1L);
        Path host = dir.resolve("host.json");
        CliRun.with(new ProbeCommand(() -> k)).args("probe", "-o", host.toString());
        CliRun imp = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString(), "--host", host.toString());
        assertEquals(0, imp.code(), imp.err());
        Scenario s = ScenarioReader.readString(imp.out(), "stdout");
        assertEquals(Arch.X86_AMD, s.host().arch());
        assertEquals(1, s.host().kvm().addressSpaces());
        // The report must not say "none assumed" for features that came from --host, nor name arm64's FWB on x86.
        assertTrue(imp.err().contains("host CPU features from --host " + host + ": "), imp.err());
        assertFalse(imp.err().contains("none assumed"), imp.err());
        CliRun plain = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString());
        String line = plain.err().lines().filter(l -> l.startsWith("host CPU features")).findFirst().orElseThrow();
        assertEquals("host CPU features (SELF_SNOOP) are not in these inputs: none assumed; add them under host.features,"
                + " or import with --host host.json written by `stage2scope probe -o host.json` on that host", line);
        CliRun clash = CliRun.run("import", "--smaps", smaps.toString(), "--monitor", monitor.toString(), "--host", host.toString(),
                "--arch", "arm64");
        assertEquals(2, clash.code());
        assertTrue(clash.err().contains("--arch arm64 contradicts --host"), clash.err());
    }
}
