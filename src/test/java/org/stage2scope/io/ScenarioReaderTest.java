package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;

class ScenarioReaderTest {

    static final String HEAD = "{\"format\": \"stage2scope-scenario/1\"";

    private static Scenario read(String json) throws ScenarioException {
        return ScenarioReader.readString(json, "t.json");
    }

    private static ScenarioException fail(String json) {
        return assertThrows(ScenarioException.class, () -> read(json));
    }

    @Test
    void minimalFileGetsEveryDocumentedDefault() throws Exception {
        Scenario s = read(HEAD + ", \"vmas\": [{\"name\": \"ram\", \"start\": \"0x7f0000000000\", \"size\": \"4G\"}],"
                + " \"memslots\": [{\"slot\": 0, \"gpa\": \"0x40000000\", \"size\": \"4G\", \"hva\": \"0x7f0000000000\"}]}");
        assertEquals("", s.name());
        assertEquals(Arch.ARM64, s.host().arch());
        assertEquals(Granule.G4K, s.host().pageSize());
        assertEquals(48, s.host().vaBits());
        assertEquals(Set.of(), s.host().features());
        assertEquals(40, s.vm().ipaBits());
        assertEquals(PolicyId.UPSTREAM, s.vm().policy());
        assertEquals(Set.of(), s.vm().quirks());
        assertEquals(false, s.vm().mte());
        assertEquals(false, s.vm().noncoherentDma());
        var v = s.vmas().get(0);
        assertEquals(Perms.RW_SHARED, v.perms());
        assertEquals(Set.of(), v.flags());
        assertEquals(MemType.MT_NORMAL, v.memType());
        assertEquals(Backing.ram(4096), v.backing());
        assertEquals(new MemslotCall(0, 0, 0x40000000L, 4L << 30, 0x7f0000000000L, Set.of(), 0, ""), s.memslots().get(0));
        assertEquals(List.of(), s.guest().accesses());
    }

    @Test
    void x86QuirksDefaultToIgnoreGuestPatOnlyWhenAbsent() throws Exception {
        Scenario absent = read(HEAD + ", \"host\": {\"arch\": \"x86-intel\"}}");
        assertEquals(Set.of(X86Quirk.IGNORE_GUEST_PAT), absent.vm().quirks());
        assertEquals(47, absent.host().vaBits());
        assertEquals(MemType.WB, MemType.defaultFor(absent.host().arch()));
        Scenario disabled = read(HEAD + ", \"host\": {\"arch\": \"x86-intel\"}, \"vm\": {\"quirks\": []}}");
        assertEquals(Set.of(), disabled.vm().quirks());
    }

    @Test
    void readsEveryFieldOfTheFormat() throws Exception {
        Scenario s = read(HEAD + ", \"name\": \"n\", \"description\": \"d\","
                + "\"host\": {\"arch\": \"arm64\", \"pageSize\": \"64K\", \"vaBits\": 52, \"features\": [\"FWB\", \"MTE\"]},"
                + "\"vm\": {\"ipaBits\": 48, \"mte\": true, \"policy\": \"force-flag\", \"noncoherentDma\": true},"
                + "\"vmas\": [{\"name\": \"gpu\", \"start\": \"0xffff00000000\", \"size\": \"0x40000000\", \"perms\": \"r-xp\","
                + "  \"flags\": [\"VM_IO\", \"VM_PFNMAP\"], \"memType\": \"MT_NORMAL_NC\","
                + "  \"backing\": {\"kind\": \"device\", \"pa\": \"0x400000000000\", \"pageSize\": \"2M\", \"thp\": true, \"poisoned\": [\"0xffff00001000\"]}}],"
                + "\"memslots\": [{\"slot\": 7, \"addressSpace\": 1, \"gpa\": \"1073741824\", \"size\": 65536, \"hva\": \"0xffff00000000\","
                + "  \"flags\": [\"KVM_MEM_READONLY\", \"KVM_MEM_LOG_DIRTY_PAGES\"], \"guestMemfdOffset\": \"0x1000\", \"label\": \"L\"}],"
                + "\"guest\": {\"stage1\": [{\"gpa\": \"0x40000000\", \"size\": \"2M\", \"attr\": \"Device-nGnRE\"}],"
                + "  \"accesses\": [{\"gpa\": \"0x40000000\", \"kind\": \"exec\", \"label\": \"x\"}]}}");
        assertEquals(Granule.G64K, s.host().pageSize());
        assertEquals(Set.of(CpuFeature.FWB, CpuFeature.MTE), s.host().features());
        assertEquals(PolicyId.FORCE_FLAG, s.vm().policy());
        var v = s.vmas().get(0);
        assertEquals(new Perms(true, false, true, false), v.perms());
        assertEquals(Set.of(VmFlag.VM_IO, VmFlag.VM_PFNMAP), v.flags());
        assertEquals(new Backing(Backing.Kind.DEVICE, 0x400000000000L, 2L << 20, true, List.of(0xffff00001000L)), v.backing());
        assertEquals(new MemslotCall(7, 1, 1L << 30, 65536, 0xffff00000000L,
                Set.of(MemslotFlag.KVM_MEM_READONLY, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES), 0x1000, "L"), s.memslots().get(0));
        assertEquals(new Stage1Attr.Mair(0x04), s.guest().stage1().get(0).attr());
        assertEquals(new GuestAccess(0x40000000L, GuestAccess.Kind.EXEC, "x"), s.guest().accesses().get(0));
    }

    @Test
    void addressesAbove2To63AndTheTopAddressLoad() throws Exception {
        Scenario s = read(HEAD + ", \"memslots\": [{\"slot\": 0, \"gpa\": \"0xffffffffffffffff\", \"size\": \"0xffffffffffffffff\","
                + " \"hva\": \"0x8000000000000000\"}]}");
        assertEquals(-1L, s.memslots().get(0).gpa());
        assertEquals(-1L, s.memslots().get(0).size());
        assertEquals(Long.MIN_VALUE, s.memslots().get(0).hva());
    }

    @Test
    void kernelLevelProblemsAreLoadedNotRefused() throws Exception {
        Scenario s = read(HEAD + ", \"memslots\": ["
                + "{\"slot\": 0, \"gpa\": \"0x40000800\", \"size\": \"0x1800\", \"hva\": \"0x10\"},"
                + "{\"slot\": 0, \"gpa\": \"0x40000000\", \"size\": \"1G\", \"hva\": \"0x1000000000000\"},"
                + "{\"slot\": 40000, \"gpa\": \"0xfffffffffff00000\", \"size\": \"2M\", \"hva\": \"0x0\"},"
                + "{\"slot\": 3, \"gpa\": \"0x0\", \"size\": \"0\"}]}");
        assertEquals(4, s.memslots().size());
        assertEquals(0L, s.memslots().get(3).size());
    }

    @Test
    void malformedJsonIsLocatedAndPlain() {
        ScenarioException e = fail(HEAD + ",\n  \"name\": \"x\",,\n}");
        assertEquals(2, e.line());
        assertEquals(15, e.column());
        assertTrue(e.getMessage().startsWith("t.json:2:15: malformed JSON: unexpected character ','"), e.getMessage());
        assertTrue(!e.getMessage().contains("code 44") && !e.getMessage().contains("[Source"), e.getMessage());
    }

    @Test
    void parserLimitsSpeakOurWordsWithALocation() throws Exception {
        ScenarioException nan = fail(HEAD + ",\n \"vmas\": [{\"name\": \"a\", \"start\": NaN}]}");
        assertTrue(nan.getMessage().contains("NaN is not a JSON number"), nan.getMessage());
        assertFalse(nan.getMessage().contains("JsonReadFeature") || nan.getMessage().contains("enable"), nan.getMessage());
        assertEquals(2, nan.line());

        ScenarioException digits = fail(HEAD + ",\n \"vmas\": [{\"name\": \"a\", \"start\": " + "9".repeat(1500) + "}]}");
        assertTrue(digits.getMessage().contains("more than 1000 digits"), digits.getMessage());
        assertTrue(digits.line() == 2 && digits.column() > 0, "located: " + digits.getMessage());

        ScenarioException deep = fail(HEAD + ",\n \"x\": " + "[".repeat(300) + "]".repeat(300) + "}");
        assertTrue(deep.line() == 2 && deep.column() > 0, "located: " + deep.getMessage());

        // A valid file under 64 MiB with a string over Jackson's 20,000,000-character default loads.
        String longText = "d".repeat(21_000_000);
        assertEquals(longText.length(), read(HEAD + ", \"description\": \"" + longText + "\"}").description().length());
    }

    @Test
    void aMisspeltKeyIsReportedBeforeTheErrorItCausesLater() {
        // "arch " is read as absent (arm64), so the x86 feature would be refused at host.features first.
        ScenarioException e = fail(HEAD + ",\n \"host\": {\"arch \": \"x86-intel\", \"features\": [\"SELF_SNOOP\"]}}");
        assertEquals("host.arch ", e.jsonPath());
        assertTrue(e.getMessage().contains("unknown field \"arch \"; did you mean \"arch\"?"), e.getMessage());
        // "Host" leaves the default arm64 host, so the x86 memory type would be refused at vmas[0].memType.
        e = fail(HEAD + ",\n \"Host\": {\"arch\": \"x86-intel\"},\n"
                + " \"vmas\": [{\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"4K\", \"memType\": \"WB\"}]}");
        assertEquals("Host", e.jsonPath());
        assertTrue(e.getMessage().contains("unknown field \"Host\"; did you mean \"host\"?"), e.getMessage());
    }

    @Test
    void unknownFieldHasDidYouMeanHint() {
        ScenarioException e = fail(HEAD + ",\n \"vmas\": [{\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"4K\", \"memtype\": \"MT_NORMAL\"}]}");
        assertEquals("vmas[0].memtype", e.jsonPath());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown field \"memtype\"; did you mean \"memType\"?"), e.getMessage());
    }

    @Test
    void unknownFieldFarFromAnyNameListsTheKnownOnes() {
        ScenarioException e = fail(HEAD + ", \"zebra\": 1}");
        assertEquals("zebra", e.jsonPath());
        assertTrue(e.getMessage().contains("unknown field \"zebra\"; known fields here: format, name, description, host, vm, vmas, memslots, guest"),
                e.getMessage());
    }

    @Test
    void wrongJsonTypeNamesWhatWasExpected() {
        ScenarioException e = fail(HEAD + ", \"vm\": {\"mte\": \"yes\"}}");
        assertEquals("t.json:1:52: vm.mte: expected true or false, got a string", e.getMessage());
    }

    @Test
    void badEnumListsTheChoicesOfTheHostArch() {
        ScenarioException e = fail(HEAD + ", \"vmas\": [{}, {}, {\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"4K\", \"memType\": \"MT_NORMAL_WC\"}]}"
                .replace("{}, {}, ", ""));
        assertEquals("vmas[0].memType", e.jsonPath());
        assertTrue(e.getMessage().endsWith("vmas[0].memType: \"MT_NORMAL_WC\" is not a memory type; expected one of "
                + "\"MT_NORMAL\", \"MT_NORMAL_TAGGED\", \"MT_NORMAL_NC\", \"MT_DEVICE_nGnRnE\", \"MT_DEVICE_nGnRE\""), e.getMessage());
    }

    @Test
    void memTypeOfTheOtherArchIsRefused() {
        ScenarioException e = fail(HEAD + ", \"host\": {\"arch\": \"x86-amd\"}, \"vmas\": [{\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"4K\", \"memType\": \"MT_NORMAL\"}]}");
        assertTrue(e.getMessage().contains("\"MT_NORMAL\" is not a memory type on x86-amd; expected one of \"WB\", \"WT\", \"WP\", \"WC\", \"UC-\", \"UC\""),
                e.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamedAtTheObject() {
        ScenarioException e = fail(HEAD + ",\n\"memslots\": [\n  {\"slot\": 0, \"size\": \"4K\", \"hva\": \"0x0\"}]}");
        assertEquals("memslots[0]", e.jsonPath());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().endsWith("memslots[0]: missing required field \"gpa\""), e.getMessage());
    }

    @Test
    void addressAbove2To64IsRefused() {
        ScenarioException e = fail(HEAD + ", \"guest\": {\"accesses\": [{\"gpa\": \"0x10000000000000000\", \"kind\": \"read\"}]}}");
        assertEquals("guest.accesses[0].gpa", e.jsonPath());
        assertTrue(e.getMessage().contains("is above 2^64 - 1"), e.getMessage());
    }

    @Test
    void negativeAddressIsRefused() {
        ScenarioException string = fail(HEAD + ", \"guest\": {\"accesses\": [{\"gpa\": \"-4096\", \"kind\": \"read\"}]}}");
        assertTrue(string.getMessage().contains("a sign is not allowed"), string.getMessage());
        ScenarioException number = fail(HEAD + ", \"guest\": {\"accesses\": [{\"gpa\": -4096, \"kind\": \"read\"}]}}");
        assertTrue(number.getMessage().endsWith("guest.accesses[0].gpa: -4096 is negative; an address is an unsigned 64-bit value"),
                number.getMessage());
    }

    @Test
    void largeJsonNumberAddressAsksForHex() throws Exception {
        assertEquals(1L << 53, read(HEAD + ", \"guest\": {\"accesses\": [{\"gpa\": 9007199254740992, \"kind\": \"read\"}]}}")
                .guest().accesses().get(0).gpa());
        ScenarioException e = fail(HEAD + ", \"guest\": {\"accesses\": [{\"gpa\": 9007199254740993, \"kind\": \"read\"}]}}");
        assertTrue(e.getMessage().contains("write it as a hex string"), e.getMessage());
    }

    @Test
    void badSizeSuffixIsRefused() {
        ScenarioException e = fail(HEAD + ", \"vmas\": [{\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"4Q\"}]}");
        assertEquals("vmas[0].size", e.jsonPath());
        assertTrue(e.getMessage().contains("\"4Q\" is not a size"), e.getMessage());
    }

    @Test
    void sizeSuffixOverflowIsRefused() {
        ScenarioException e = fail(HEAD + ", \"vmas\": [{\"name\": \"a\", \"start\": \"0x1000\", \"size\": \"16E\"}]}");
        assertTrue(e.getMessage().contains("above 2^64 - 1"), e.getMessage());
    }

    @Test
    void wrappingVmaIsRefusedAtTheVma() {
        ScenarioException e = fail(HEAD + ",\n\"vmas\": [{\"name\": \"a\", \"start\": \"0xfffffffffffff000\", \"size\": \"8K\"}]}");
        assertEquals("vmas[0]", e.jsonPath());
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertTrue(e.getMessage().endsWith("VMA 0xfffffffffffff000 + 0x2000 wraps past 2^64"), e.getMessage());
    }

    @Test
    void vmaEndingExactlyAt2To64Loads() throws Exception {
        Scenario s = read(HEAD + ", \"vmas\": [{\"name\": \"a\", \"start\": \"0xfffffffffffff000\", \"size\": \"4K\"}]}");
        assertEquals(0L, s.vmas().get(0).end());
    }

    @Test
    void truncatedFileSaysSo() {
        ScenarioException e = fail(HEAD + ",\n \"vmas\": [{\"name\": \"a\"");
        assertTrue(e.getMessage().contains("the file ends in the middle of the JSON (truncated?)"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void emptyFileSaysSo() {
        ScenarioException e = fail("  \n");
        assertEquals("t.json:1:1: the file is empty; expected a JSON object starting with {\"format\": \"stage2scope-scenario/1\"",
                e.getMessage());
    }

    @Test
    void oversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), ScenarioReader.MAX_BYTES); // sparse: 64 MiB + 1 byte
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(big));
        assertTrue(e.getMessage().contains("above the limit of 67108864 bytes (64 MiB)"), e.getMessage());
    }

    @Test
    void wrongFormatStringIsRefused() {
        ScenarioException e = fail("{\"format\": \"stage2scope-scenario/2\"}");
        assertEquals("t.json:1:12: format: \"stage2scope-scenario/2\" is not a format this version reads; expected \"stage2scope-scenario/1\"",
                e.getMessage());
        ScenarioException missing = fail("{\"name\": \"x\"}");
        assertTrue(missing.getMessage().contains("missing required field \"format\""), missing.getMessage());
    }

    @Test
    void duplicateKeyIsRefused() {
        ScenarioException e = fail(HEAD + ", \"name\": \"a\",\n \"name\": \"b\"}");
        assertEquals("name", e.jsonPath());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("duplicate key \"name\" (first given at line 1)"), e.getMessage());
    }

    @Test
    void trailingGarbageIsRefused() {
        ScenarioException e = fail(HEAD + "}\n{}");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unexpected content after the end of the scenario object"), e.getMessage());
    }

    @Test
    void nonUtf8FileIsRefusedWithItsLine() {
        byte[] bytes = (HEAD + ",\n\"name\": \"caf\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.readBytes(bytes, "t.json"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("byte 0xe9 at offset 49 is not UTF-8"), e.getMessage());
    }

    @Test
    void badStage1AttrUsesTheArchSpelling() {
        ScenarioException e = fail(HEAD + ", \"guest\": {\"stage1\": [{\"gpa\": \"0x0\", \"size\": \"4K\", \"attr\": \"WC\"}]}}");
        assertEquals("guest.stage1[0].attr", e.jsonPath());
        assertTrue(e.getMessage().contains("\"WC\" is not an arm64 stage-1 attribute"), e.getMessage());
    }

    @Test
    void x86Stage1AttrIsAPatType() throws Exception {
        Scenario s = read(HEAD + ", \"host\": {\"arch\": \"x86-amd\"}, \"guest\": {\"stage1\": [{\"gpa\": \"0x0\", \"size\": \"4K\", \"attr\": \"UC-\"}]}}");
        assertEquals(new Stage1Attr.Pat(X86MemType.UC_MINUS), s.guest().stage1().get(0).attr());
    }

    @Test
    void featureOfTheOtherArchIsRefused() {
        ScenarioException e = fail(HEAD + ", \"host\": {\"arch\": \"x86-intel\", \"features\": [\"FWB\"]}}");
        assertEquals("host.features", e.jsonPath());
        assertTrue(e.getMessage().contains("feature \"FWB\" does not exist on x86-intel"), e.getMessage());
    }

    @Test
    void modelRefusalIsRewrappedWithTheObjectLocation() {
        ScenarioException e = fail(HEAD + ",\n \"memslots\": [{\"slot\": 70000, \"gpa\": \"0x0\", \"size\": \"4K\", \"hva\": \"0x0\"}]}");
        assertEquals("memslots[0].slot", e.jsonPath());
        assertTrue(e.getMessage().contains("70000 is outside 0..65535"), e.getMessage());
        ScenarioException page = fail(HEAD + ", \"vmas\": [{\"name\": \"a\", \"start\": \"0x0\", \"size\": \"4K\", \"backing\": {\"pageSize\": \"3K\"}}]}");
        assertEquals("vmas[0].backing.pageSize", page.jsonPath());
        assertTrue(page.getMessage().contains("power of two"), page.getMessage());
    }

    @Test
    void nonObjectRootIsRefused() {
        ScenarioException e = fail("[1, 2]");
        assertEquals("t.json:1:1: expected an object {...}, got an array", e.getMessage());
    }

    @Test
    void missingFileIsAMessageNotAStackTrace(@TempDir Path dir) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioReader.read(dir.resolve("nope.json")));
        assertTrue(e.getMessage().endsWith("nope.json: no such file"), e.getMessage());
    }

    @Test
    void maximalMemslotStressScenarioLoads(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder(HEAD + ",\n\"memslots\": [\n");
        for (int i = 0; i < 32767; i++) {
            sb.append(i == 0 ? "" : ",\n").append("  {\"slot\": ").append(i).append(", \"gpa\": \"0x")
                    .append(Long.toHexString(0x40000000L + (long) i * (2 << 20)))
                    .append("\", \"size\": \"2M\", \"hva\": \"0x").append(Long.toHexString(0x7f0000000000L + (long) i * (2 << 20)))
                    .append("\", \"flags\": [\"KVM_MEM_LOG_DIRTY_PAGES\"], \"label\": \"stress slot number ").append(i).append("\"}");
        }
        sb.append("]}\n");
        Path f = dir.resolve("stress.json");
        Files.writeString(f, sb);
        Scenario s = ScenarioReader.read(f);
        assertEquals(32767, s.memslots().size());
        assertEquals(32766, s.memslots().get(32766).slot());
        assertEquals(s, ScenarioReader.readString(ScenarioWriter.write(s), "again"));
    }

    @Test
    void exampleInTheFormatDocumentLoads() throws Exception {
        String doc = Files.readString(Path.of("docs/scenario-format.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        Scenario s = read(doc.substring(start, doc.indexOf("```", start)));
        assertEquals(2, s.memslots().size());
        assertEquals(MemType.MT_NORMAL, s.vmas().get(1).memType());
        assertEquals(Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO, VmFlag.VM_DONTEXPAND, VmFlag.VM_DONTDUMP), s.vmas().get(1).flags());
    }

    @Test
    void jacksonJargonIsRewrittenPlainly() {
        assertEquals("t.json:1:38: malformed JSON: comments are not allowed in JSON", fail(HEAD + ", /* c */ \"name\": \"x\"}").getMessage());
        assertTrue(fail(HEAD + ", \"name\": \"a\nb\"}").getMessage()
                .endsWith("malformed JSON: a control character (such as a raw line break or tab) inside a string must be escaped, e.g. \\n or \\t"));
        assertEquals("t.json:1:301: malformed JSON: arrays and objects are nested more than 200 levels deep; a scenario needs no more than 5",
                fail("[".repeat(300)).getMessage(), "located where the parser stood (issue 9 item 11)");
    }
}
