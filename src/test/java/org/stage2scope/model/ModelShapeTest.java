package org.stage2scope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelShapeTest {

    @Test
    void permsParseTheMapsFormAndRefuseOthers() {
        Perms p = Perms.parse("rw-s");
        assertTrue(p.read() && p.write() && !p.exec() && p.shared());
        assertEquals("r-xp", Perms.parse("r-xp").toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Perms.parse("rwx"));
        assertTrue(e.getMessage().contains("four characters"));
    }

    @Test
    void vmaThatWrapsPast2To64IsRefusedButOneEndingAtTheTopIsNot() {
        Backing b = Backing.ram(4096);
        new Vma("top", 0xfffffffffffff000L, 0x1000, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, b);
        assertThrows(IllegalArgumentException.class,
                () -> new Vma("wraps", 0xfffffffffffff000L, 0x2000, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, b));
    }

    @Test
    void memslotWrapIsLeftToTheKernelChecks() {
        // check_memory_region / kvm_set_memory_region refuse this with -EINVAL; the model must carry it there.
        MemslotCall c = new MemslotCall(0, 0, -4096L, 0x2000, 0x1000, Set.of(), 0, null);
        assertEquals(-4096L, c.gpa());
        assertEquals(0x10005, new MemslotCall(5, 1, 0, 0, 0, Set.of(), 0, "").rawSlot());
        assertThrows(IllegalArgumentException.class, () -> new MemslotCall(70000, 0, 0, 0, 0, Set.of(), 0, ""));
    }

    @Test
    void stage1AttrParsesPerArchitecture() {
        assertEquals(new Stage1Attr.Mair(0xff), Stage1Attr.parse(Arch.ARM64, "Normal-WB"));
        assertEquals(new Stage1Attr.Mair(0x4f), Stage1Attr.parse(Arch.ARM64, "0x4f"));
        assertEquals("0x04", Stage1Attr.parse(Arch.ARM64, "Device-nGnRE").id());
        assertInstanceOf(Stage1Attr.Pat.class, Stage1Attr.parse(Arch.X86_INTEL, "UC-"));
        assertThrows(IllegalArgumentException.class, () -> Stage1Attr.parse(Arch.ARM64, "WC"));
        assertThrows(IllegalArgumentException.class, () -> Stage1Attr.parse(Arch.X86_AMD, "0xff"));
        assertThrows(IllegalArgumentException.class, () -> Stage1Attr.parse(Arch.ARM64, "0x1ff"));
    }

    @Test
    void hostRefusesFeaturesOfTheOtherArchitecture() {
        assertThrows(IllegalArgumentException.class, () -> new Host(Arch.X86_INTEL, Granule.G4K, 47, Set.of(CpuFeature.FWB)));
        assertThrows(IllegalArgumentException.class, () -> new Host(Arch.ARM64, Granule.G4K, 48, Set.of(CpuFeature.SELF_SNOOP)));
        assertThrows(IllegalArgumentException.class, () -> new Host(Arch.X86_AMD, Granule.G64K, 47, Set.of()));
    }

    @Test
    void scenarioRefusesMemTypesAndStage1AttrsOfTheOtherArchitecture() {
        Host x86 = new Host(Arch.X86_INTEL, Granule.G4K, 47, Set.of());
        Vm vm = new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false);
        Vma arm = new Vma("ram", 0x7f0000000000L, 1L << 30, Perms.RW_SHARED, Set.of(), MemType.MT_NORMAL, Backing.ram(4096));
        var e = assertThrows(IllegalArgumentException.class, () -> new Scenario("s", "", x86, vm, List.of(arm), List.of(), null));
        assertTrue(e.getMessage().contains("MT_NORMAL"));
        Guest g = new Guest(List.of(new Stage1Range(0, 4096, new Stage1Attr.Mair(0xff))), List.of());
        assertThrows(IllegalArgumentException.class, () -> new Scenario("s", "", x86, vm, List.of(), List.of(), g));
    }

    @Test
    void kvmVmaIsCacheableMatchesTheKernelsList() {
        // arch/arm64/kvm/mmu.c kvm_vma_is_cacheable: NC and both Device types are not cacheable.
        assertTrue(MemType.MT_NORMAL.cacheable());
        assertTrue(MemType.MT_NORMAL_TAGGED.cacheable());
        for (MemType t : List.of(MemType.MT_NORMAL_NC, MemType.MT_DEVICE_nGnRnE, MemType.MT_DEVICE_nGnRE)) {
            assertTrue(!t.cacheable(), t.id());
        }
    }

    @Test
    void namedLookupUsesFileSpellings() {
        assertEquals(PolicyId.PRE_6_17, Named.byId(PolicyId.class, "pre-6.17"));
        assertEquals(MemType.UC_MINUS, Named.byId(MemType.class, "UC-"));
        assertEquals(null, Named.byId(Arch.class, "riscv"));
        assertTrue(Named.choices(Arch.class).contains("\"x86-amd\""));
    }
}
