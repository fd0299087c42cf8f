package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.KvmCaps;
import org.stage2scope.model.Perms;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;

/** Scenarios written in the kernel's own words: VM_READ..VM_SHARED in flags, and host.kvm from probe. */
class KernelVocabularyTest {

    private static Scenario read(String json) throws ScenarioException {
        return ScenarioReader.readString(json, "k.json");
    }

    private static String vma(String fields) {
        return "{\"format\": \"stage2scope-scenario/1\", \"vmas\": [{\"name\": \"ram\", \"start\": \"0x7f0000000000\", "
                + "\"size\": \"2M\", " + fields + "}]}";
    }

    @Test
    void theKernelsPermissionFlagsLoadAsPerms() throws ScenarioException {
        Vma v = read(vma("\"flags\": [\"VM_READ\", \"VM_WRITE\", \"VM_SHARED\", \"VM_MAYREAD\", \"VM_PFNMAP\"]")).vmas().get(0);
        assertEquals(Perms.parse("rw-s"), v.perms());
        assertEquals(Set.of(VmFlag.VM_MAYREAD, VmFlag.VM_PFNMAP), v.flags(), "permission bits live in perms only");
    }

    @Test
    void flagsAloneDecideThePermsEvenWhenTheyOmitRead() throws ScenarioException {
        Vma v = read(vma("\"flags\": [\"VM_EXEC\"]")).vmas().get(0);
        assertEquals(Perms.parse("--xp"), v.perms());
    }

    @Test
    void permsAndFlagsThatAgreeLoad() throws ScenarioException {
        Vma v = read(vma("\"perms\": \"r-xp\", \"flags\": [\"VM_READ\", \"VM_EXEC\"]")).vmas().get(0);
        assertEquals(Perms.parse("r-xp"), v.perms());
    }

    @Test
    void permsAndFlagsThatDisagreeNameBoth() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> read(vma("\"perms\": \"rw-s\", \"flags\": [\"VM_READ\", \"VM_SHARED\"]")));
        assertTrue(e.getMessage().contains("vmas[0].flags: flags VM_READ|VM_SHARED mean perms \"r--s\" but perms is \"rw-s\""),
                e.getMessage());
    }

    @Test
    void savingWritesPermsNotPermissionFlags() throws ScenarioException {
        Scenario s = read(vma("\"flags\": [\"VM_READ\", \"VM_WRITE\", \"VM_SHARED\"]"));
        String saved = ScenarioWriter.write(s);
        assertTrue(saved.contains("\"perms\": \"rw-s\""), saved);
        assertTrue(!saved.contains("VM_READ"), saved);
        assertEquals(s, read(saved));
    }

    @Test
    void hostKvmRoundTripsAndDefaultsStayOut() throws ScenarioException {
        Scenario probed = read("{\"format\": \"stage2scope-scenario/1\", \"host\": {\"arch\": \"x86-amd\", \"kvm\": "
                + "{\"release\": \"6.18.0\", \"addressSpaces\": 1}}}");
        KvmCaps k = probed.host().kvm();
        assertEquals(new KvmCaps("6.18.0", 32764, 1, true, true), k);
        assertEquals(probed, read(ScenarioWriter.write(probed)));
        Scenario plain = read("{\"format\": \"stage2scope-scenario/1\", \"host\": {\"arch\": \"x86-amd\"}}");
        assertEquals(KvmCaps.defaults(plain.host().arch()), plain.host().kvm());
        assertTrue(!ScenarioWriter.write(plain).contains("\"kvm\""), "old files keep their bytes when saved again");
    }

    @Test
    void hostKvmOutOfRangeIsLocated() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> read(
                "{\"format\": \"stage2scope-scenario/1\", \"host\": {\"kvm\": {\"addressSpaces\": 0}}}"));
        assertTrue(e.getMessage().contains("host.kvm.addressSpaces"), e.getMessage());
    }
}
