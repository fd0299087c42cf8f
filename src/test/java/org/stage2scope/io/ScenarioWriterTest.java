package org.stage2scope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.X86MemType;
import org.stage2scope.model.X86Quirk;

class ScenarioWriterTest {

    static Scenario edgeCases() {
        Host host = new Host(Arch.ARM64, Granule.G16K, 52, Set.of(CpuFeature.MTE, CpuFeature.FWB));
        Vm vm = new Vm(52, true, PolicyId.FORCE_FLAG_STRICT, Set.of(), false);
        List<Vma> vmas = List.of(
                new Vma("top \"quoted\"\n\u00e9", 0xfffffffffffff000L, 0x1000, new Perms(true, false, false, false),
                        Set.of(VmFlag.VM_PFNMAP, VmFlag.VM_ALLOW_ANY_UNCACHED, VmFlag.VM_IO), MemType.MT_DEVICE_nGnRE,
                        new Backing(Backing.Kind.DEVICE, 0x8000000000000000L, 16 << 10, false, List.of(0xfffffffffffff000L))),
                new Vma("ram", 0x7f0000000000L, 0x1800, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(16 << 10)));
        List<MemslotCall> calls = List.of(
                new MemslotCall(0, 0, -1L, -1L, 0x8000000000000000L, Set.of(MemslotFlag.KVM_MEM_READONLY, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES), 0, ""),
                new MemslotCall(65535, 65535, 0x40000800L, 0x1801, 0x13, Set.of(MemslotFlag.KVM_MEM_GUEST_MEMFD), -4096L, "gmem"),
                new MemslotCall(3, 0, 0, 0, 0, Set.of(), 0, "delete"));
        Guest guest = new Guest(List.of(new Stage1Range(0xffffffffffffe000L, 0x2000, new Stage1Attr.Mair(0x4f))),
                List.of(new GuestAccess(-1L, GuestAccess.Kind.WRITE, ""), new GuestAccess(0, GuestAccess.Kind.EXEC, "x")));
        return new Scenario("edge", "line one\nline two", host, vm, vmas, calls, guest);
    }

    static Scenario x86() {
        Host host = new Host(Arch.X86_INTEL, Granule.G4K, 47, Set.of(CpuFeature.SELF_SNOOP));
        return new Scenario("x", "", host, new Vm(40, false, PolicyId.UPSTREAM, Set.of(), true),
                List.of(new Vma("bar", 0x7f8000000000L, 1 << 24, Perms.RW_SHARED, Set.of(VmFlag.VM_PFNMAP), MemType.UC_MINUS,
                        Backing.ram(4096))),
                List.of(), new Guest(List.of(new Stage1Range(0, 4096, new Stage1Attr.Pat(X86MemType.UC_MINUS))), List.of()));
    }

    @Test
    void edgeCasesRoundTripExactly() throws Exception {
        for (Scenario s : List.of(edgeCases(), x86(), x86().withVm(new Vm(40, false, PolicyId.UPSTREAM, Set.of(X86Quirk.IGNORE_GUEST_PAT), false)))) {
            String json = ScenarioWriter.write(s);
            assertEquals(s, ScenarioReader.readString(json, "rt"), json);
            assertEquals(json, ScenarioWriter.write(ScenarioReader.readString(json, "rt")));
        }
    }

    @Test
    void writesCanonicalSpellings() {
        String json = ScenarioWriter.write(edgeCases());
        assertTrue(json.contains("\"gpa\": \"0xffffffffffffffff\",\n      \"size\": \"0xffffffffffffffff\",\n      \"hva\": \"0x8000000000000000\""), json);
        assertTrue(json.contains("\"flags\": [\"KVM_MEM_LOG_DIRTY_PAGES\", \"KVM_MEM_READONLY\"]"), json);
        assertTrue(json.contains("\"flags\": [\"VM_PFNMAP\", \"VM_IO\", \"VM_ALLOW_ANY_UNCACHED\"]"), json);
        assertTrue(json.contains("\"features\": [\"FWB\", \"MTE\"]"), json);
        assertTrue(json.contains("\"size\": \"0x1801\""), json);
        assertTrue(json.contains("\"size\": \"6K\""), json);
        assertTrue(json.contains("\"attr\": \"0x4f\""), json);
        assertTrue(json.contains("\"name\": \"top \\\"quoted\\\"\\n\u00e9\""), json);
        assertTrue(json.contains("\"addressSpace\": 65535"), json);
        assertTrue(json.contains("\"guestMemfdOffset\": \"0xfffffffffffff000\""), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void smallScenarioHasThisExactText() {
        Host host = new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.DIC, CpuFeature.FWB));
        Scenario s = new Scenario("tiny", "d", host, new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false),
                List.of(new Vma("ram", 0x7f0000000000L, 1L << 30, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(4096))),
                List.of(new MemslotCall(0, 0, 0x40000000L, 1L << 30, 0x7f0000000000L, Set.of(), 0, "")),
                new Guest(List.of(), List.of(new GuestAccess(0x40000000L, GuestAccess.Kind.READ, "r"))));
        assertEquals("""
                {
                  "format": "stage2scope-scenario/1",
                  "name": "tiny",
                  "description": "d",
                  "host": {
                    "arch": "arm64",
                    "pageSize": "4K",
                    "vaBits": 48,
                    "features": ["FWB", "DIC"]
                  },
                  "vm": {
                    "ipaBits": 40,
                    "mte": false,
                    "policy": "upstream",
                    "quirks": [],
                    "noncoherentDma": false
                  },
                  "vmas": [
                    {
                      "name": "ram",
                      "start": "0x7f0000000000",
                      "size": "1G",
                      "perms": "rw-s",
                      "flags": [],
                      "memType": "MT_NORMAL"
                    }
                  ],
                  "memslots": [
                    {
                      "slot": 0,
                      "gpa": "0x40000000",
                      "size": "1G",
                      "hva": "0x7f0000000000"
                    }
                  ],
                  "guest": {
                    "stage1": [],
                    "accesses": [
                      {
                        "gpa": "0x40000000",
                        "kind": "read",
                        "label": "r"
                      }
                    ]
                  }
                }
                """, ScenarioWriter.write(s));
    }

    @Test
    void everySampleRoundTrips() throws Exception {
        for (Sample sample : SampleCatalog.list()) {
            Scenario s = SampleCatalog.load(sample.fileName());
            assertEquals(s, ScenarioReader.readString(ScenarioWriter.write(s), sample.fileName()), sample.fileName());
        }
    }

    @Test
    void saveReplacesTheFileAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, "old");
        ScenarioWriter.save(edgeCases(), f);
        assertEquals(edgeCases(), ScenarioReader.read(f));
        assertEquals(List.of(f), list(dir));
    }

    @Test
    void saveFailingMidwayKeepsTheOldBytesAndRemovesTheTempFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        byte[] old = "{\"format\": \"old\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(f, old);
        IOException e = assertThrows(IOException.class, () -> ScenarioWriter.save(edgeCases(), f, s -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("cannot serialise the scenario: boom", e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(f));
        assertEquals(List.of(f), list(dir));
    }

    @Test
    void saveWhoseRenameFailsKeepsTheTargetAndRemovesTheTempFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Path inside = Files.writeString(target.resolve("keep"), "x");
        assertThrows(IOException.class, () -> ScenarioWriter.save(edgeCases(), target));
        assertEquals("x", Files.readString(inside));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void saveKeepsTheReplacedFilesModeAndMakesNewFilesReadableLikeAnyOther(@TempDir Path dir) throws Exception {
        // The temp file is created owner-only; a saved scenario must not silently become rw-------.
        Path existing = dir.resolve("shared.json");
        Files.writeString(existing, "old");
        Files.setPosixFilePermissions(existing, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        ScenarioWriter.save(edgeCases(), existing);
        assertEquals("rw-rw-r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
        Path fresh = dir.resolve("new.json");
        ScenarioWriter.save(edgeCases(), fresh);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void saveIntoAMissingDirectoryFailsWithoutCreatingAnything(@TempDir Path dir) {
        Path f = dir.resolve("missing").resolve("s.json");
        assertThrows(IOException.class, () -> ScenarioWriter.save(edgeCases(), f));
        assertEquals(false, Files.exists(dir.resolve("missing")));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
