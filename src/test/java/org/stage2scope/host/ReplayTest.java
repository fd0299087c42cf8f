package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;

/** The comparison and the clean-up, against a kernel double that answers from a script. */
class ReplayTest {
    static final long G = 1L << 30;
    static final long RAM = 0x7f00_0000_0000L;

    static Scenario x86(List<Vma> vmas, List<MemslotCall> calls) {
        Host host = new Host(Arch.X86_AMD, Granule.G4K, 47, Set.of());
        Vm vm = new Vm(48, false, PolicyId.UPSTREAM, Set.of(X86Quirk.IGNORE_GUEST_PAT), false);
        return new Scenario("t", "", host, vm, vmas, calls, Guest.EMPTY);
    }

    static Vma ram(long start, long size) {
        return new Vma("ram", start, size, Perms.RW_SHARED, Set.of(), MemType.WB, Backing.ram(4096));
    }

    static MemslotCall call(int slot, long gpa, long size, long hva) {
        return new MemslotCall(slot, 0, gpa, size, hva, Set.of(), 0, "");
    }

    /** Ok, overlap (EEXIST), misaligned GPA (EINVAL), delete. */
    static Scenario fourCalls() {
        return x86(List.of(ram(RAM, 4 * G)), List.of(
                call(0, 0, 2 * G, RAM),
                call(1, G, G, RAM + 2 * G),
                call(2, 0x1001, 0x1000, RAM + 3 * G),
                call(0, 0, 0, 0)));
    }

    static HostFacts facts(FakeKernel k) {
        return Probe.run(k);
    }

    @Test
    void everyCallAgreesWhenTheKernelAnswersAsPredicted() {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, Kernel.EEXIST, Kernel.EINVAL, 0));
        ReplayReport r = Replay.run(k, fourCalls(), facts(k));
        assertNull(r.blocker());
        assertEquals(List.of("agree", "agree", "agree", "agree"), r.calls().stream().map(CallVerdict::verdict).toList());
        assertEquals(ReplayReport.EXIT_AGREE, r.exitCode());
        FakeKernel.Region first = k.regions.get(0);
        assertTrue(first.v2());
        assertEquals(0, first.rawSlot());
        assertEquals(2 * G, first.size());
        assertEquals(RAM, first.hva(), "the scenario's HVA was free, so it is issued unchanged");
    }

    @Test
    void aDifferentErrnoIsADisagreementAndExitThree() {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, 0, Kernel.EINVAL, 0));
        ReplayReport r = Replay.run(k, fourCalls(), facts(k));
        CallVerdict second = r.calls().get(1);
        assertEquals("DISAGREE", second.verdict());
        assertEquals("EEXIST", second.predictedName());
        assertEquals("ok", second.kernelName());
        assertEquals(ReplayReport.EXIT_DISAGREE, r.exitCode());
        assertTrue(ReplayText.render(r).contains("4 call(s): 4 issued, 3 agree, 1 DISAGREE, 0 not reproduced"), ReplayText.render(r));
        assertTrue(ReplayJson.render(r).contains("\"verdict\" : \"DISAGREE\""), ReplayJson.render(r));
    }

    @Test
    void noDevKvmReplaysNothingSaysWhyAndExitsFour() {
        FakeKernel k = FakeKernel.withoutKvm(Kernel.ENODEV);
        ReplayReport r = Replay.run(k, fourCalls(), facts(k));
        assertTrue(r.blocker().startsWith("Nothing was replayed: /dev/kvm: no such device"), r.blocker());
        assertEquals(ReplayReport.EXIT_SKIPPED, r.exitCode());
        assertEquals(0, r.issued());
        assertTrue(k.regions.isEmpty());
    }

    @Test
    void anOccupiedHvaIsTranslatedKeepingItsOffsetInsideOneGiB() {
        FakeKernel k = new FakeKernel();
        long elsewhere = 0x7e00_0000_0000L;
        k.mmapPolicy = a -> (a[1] & KvmAbi.MAP_FIXED_NOREPLACE) != 0 ? -Kernel.EEXIST
                : (a[1] & KvmAbi.MAP_FIXED) != 0 ? a[0] : elsewhere + 0x1000;
        long hva = RAM + 0x20_0000L;
        Scenario s = x86(List.of(ram(hva, G)), List.of(call(0, 0, G, hva)));
        ReplayReport r = Replay.run(k, s, facts(k));
        long issued = k.regions.get(0).hva();
        assertEquals(hva & (G - 1), issued & (G - 1), "same offset inside 1 GiB, so block alignment is kept");
        assertTrue(issued != hva);
        assertEquals(issued, r.calls().get(0).hvaIssued());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("is taken in this process")), r.notes().toString());
        assertTrue(k.mapped.isEmpty(), "every mapping unmapped: " + k.mapped);
    }

    @Test
    void everyDescriptorAndMappingIsReleasedEvenWhenAnIoctlFails() {
        FakeKernel k = new FakeKernel();
        k.throwAtRegion = 1;
        HostFacts h = facts(k);
        Scenario s = x86(List.of(ram(RAM, 4 * G), new Vma("shm", RAM + 8 * G, G, Perms.RW_SHARED, Set.of(), MemType.WB,
                Backing.ram(4096))), List.of(call(0, 0, G, RAM), call(1, 4 * G, G, RAM + 8 * G)));
        assertThrows(IllegalStateException.class, () -> Replay.run(k, s, h));
        assertTrue(k.openFds.isEmpty(), "fds left open: " + k.openFds + " " + k.log);
        assertTrue(k.mapped.isEmpty(), "mappings left: " + k.mapped);
        assertTrue(k.log.stream().anyMatch(l -> l.startsWith("munmap")));
    }

    @Test
    void aFailedCreateVmStillClosesDevKvm() {
        FakeKernel k = new FakeKernel();
        HostFacts h = facts(k);
        k.createVm = -Kernel.ENOMEM;
        ReplayReport r = Replay.run(k, fourCalls(), h);
        assertTrue(r.blocker().contains("KVM_CREATE_VM failed: out of memory"), r.blocker());
        assertTrue(k.openFds.isEmpty());
    }

    @Test
    void withoutRegion2TheV1IoctlIsUsedAndSaid() {
        FakeKernel k = new FakeKernel();
        k.caps.put(KvmAbi.KVM_CAP_USER_MEMORY2, 0L);
        k.regionAnswers.addAll(List.of(0, Kernel.EEXIST, Kernel.EINVAL, 0));
        ReplayReport r = Replay.run(k, fourCalls(), facts(k));
        assertTrue(k.regions.stream().noneMatch(FakeKernel.Region::v2));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("KVM_SET_USER_MEMORY_REGION (v1)")));
        assertEquals(ReplayReport.EXIT_AGREE, r.exitCode());
    }

    @Test
    void aCallThatCannotBeIssuedMakesLaterCallsDependOnIt() {
        FakeKernel k = new FakeKernel();
        k.caps.put(KvmAbi.KVM_CAP_GUEST_MEMFD, 0L);
        Scenario s = x86(List.of(ram(RAM, 4 * G)), List.of(
                new MemslotCall(0, 0, 0, G, RAM, EnumSet.of(MemslotFlag.KVM_MEM_GUEST_MEMFD), 0, "gmem"),
                call(1, 0, G, RAM + G)));
        ReplayReport r = Replay.run(k, s, facts(k));
        assertTrue(r.calls().get(0).notIssued().startsWith("guest_memfd is unsupported here"), r.calls().get(0).notIssued());
        assertTrue(r.calls().get(1).notIssued().startsWith("follows call #0"), r.calls().get(1).notIssued());
        assertEquals(0, r.issued());
        assertEquals(ReplayReport.EXIT_AGREE, r.exitCode(), "nothing reproducible disagreed");
    }

    @Test
    void theScenariosAddressSpaceCountDifferingFromThisKernelIsSaid() {
        FakeKernel k = new FakeKernel();
        k.caps.put(KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 1L);
        ReplayReport r = Replay.run(k, fourCalls(), facts(k));
        assertNotNull(r.notes().stream().filter(n -> n.contains("address spaces 2")).findFirst().orElse(null), r.notes().toString());
    }

    @Test
    void armDeviceVmaIsNotReproducedButX86OneIs() {
        Vma dev = new Vma("bar", RAM, 16L << 20, Perms.RW_SHARED, EnumSet.of(VmFlag.VM_PFNMAP, VmFlag.VM_IO),
                MemType.UC, new Backing(Backing.Kind.DEVICE, 0xf000_0000L, 4096, false, List.of()));
        Scenario x = x86(List.of(dev), List.of(call(0, 0, 16L << 20, RAM)));
        FakeKernel k = new FakeKernel();
        assertNull(new Reproducibility(x, facts(k)).callReason(x.memslots().get(0)),
                "x86 kvm_arch_prepare_memory_region never looks at the VMA");
        Vma armDev = new Vma("bar", RAM, 16L << 20, Perms.RW_SHARED, EnumSet.of(VmFlag.VM_PFNMAP), MemType.MT_DEVICE_nGnRE,
                new Backing(Backing.Kind.DEVICE, 0xf000_0000L, 4096, false, List.of()));
        Scenario a = new Scenario("a", "", new Host(Arch.ARM64, Granule.G4K, 48, Set.of()),
                new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false), List.of(armDev), List.of(call(0, 0, 16L << 20, RAM)), Guest.EMPTY);
        FakeKernel ka = new FakeKernel();
        ka.machine = "aarch64";
        ka.cpuinfo = "Features\t: fp\n";
        String why = new Reproducibility(a, facts(ka)).callReason(a.memslots().get(0));
        assertTrue(why.contains("VM_PFNMAP/device mapping, and there is no device to map here"), why);
    }

    @Test
    void hvaAboveThisHostsUserSpaceButInsideTheScenariosIsNotReproduced() {
        Host armHost = new Host(Arch.X86_INTEL, Granule.G4K, 56, Set.of());
        Scenario s = new Scenario("t", "", armHost, new Vm(48, false, PolicyId.UPSTREAM, Set.of(), false),
                List.of(), List.of(call(0, 0, G, 0x0000_8000_0000_0000L)), Guest.EMPTY);
        FakeKernel k = new FakeKernel();
        k.cpuinfo = "vendor_id\t: GenuineIntel\nflags\t\t: fpu\naddress sizes\t: 46 bits physical, 48 bits virtual\n";
        String why = new Reproducibility(s, facts(k)).callReason(s.memslots().get(0));
        assertTrue(why.contains("above this host's user VA (top 0x7ffffffff000)"), why);
    }

    @Test
    void hugetlbWithoutFreeHugePagesIsNotReproduced() {
        FakeKernel k = new FakeKernel();
        k.files.put("/sys/kernel/mm/hugepages/hugepages-1048576kB/free_hugepages", "0\n");
        Vma huge = new Vma("hugetlb", RAM, 4 * G, Perms.RW_SHARED, EnumSet.of(VmFlag.VM_HUGETLB), MemType.WB,
                new Backing(Backing.Kind.RAM, null, G, false, List.of()));
        ReplayReport r = Replay.run(k, x86(List.of(huge), List.of(call(0, 0, 4 * G, RAM))), facts(k));
        assertEquals("hugetlb VMA hugetlb needs 4 huge pages of 1 GiB and only 0 are free here", r.calls().get(0).notIssued());
        assertTrue(k.mapped.isEmpty());
    }
}
