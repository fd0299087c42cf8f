package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Host;

class ProbeTest {

    @Test
    void noDevKvmIsOneSentenceAndEverythingElseIsStillRead() {
        FakeKernel k = FakeKernel.withoutKvm(Kernel.ENODEV);
        HostFacts h = Probe.run(k);
        assertNull(h.kvm());
        assertEquals(1, h.unreadable().size(), h.unreadable().toString());
        assertTrue(h.unreadable().get(0).startsWith("/dev/kvm: no such device"), h.unreadable().get(0));
        assertEquals(Arch.X86_AMD, h.arch());
        assertTrue(h.selfSnoop());
        Host host = h.toHost();
        assertEquals(Set.of(CpuFeature.SELF_SNOOP), host.features());
        assertEquals(47, host.vaBits(), "48 virtual bits: user space has 47");
        assertEquals(48, h.toVm().ipaBits(), "MAXPHYADDR stands in for the VM's physical bits");
        assertEquals(2, host.kvm().addressSpaces(), "KVM unread: the upstream default stays");
        assertTrue(k.openFds.isEmpty());
    }

    @Test
    void permissionDeniedSaysHowToFixIt() {
        HostFacts h = Probe.run(FakeKernel.withoutKvm(Kernel.EACCES));
        assertTrue(h.unreadable().get(0).contains("permission denied (add this user to the kvm group)"), h.unreadable().get(0));
    }

    @Test
    void capabilitiesComeFromAScratchVmAndEveryFdIsClosed() {
        FakeKernel k = new FakeKernel();
        k.caps.put(KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 1L);
        HostFacts h = Probe.run(k);
        assertTrue(h.kvm().onVm());
        assertEquals(1, h.toHost().kvm().addressSpaces(), "this kernel accepts address space 0 only");
        assertEquals(32764, h.toHost().kvm().userMemSlots());
        assertEquals("6.18.0-fake", h.toHost().kvm().release());
        assertTrue(k.openFds.isEmpty(), "the VM fd and /dev/kvm are closed: " + k.log);
        assertTrue(HostText.render(h).contains("LINT0_REENABLED, IGNORE_GUEST_PAT"), HostText.render(h));
    }

    @Test
    void arm64CacheableCapabilityImpliesFwbAndDic() {
        FakeKernel k = new FakeKernel();
        k.machine = "aarch64";
        k.cpuinfo = "Features\t: fp asimd mte\n";
        k.caps.put(KvmAbi.KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED, 1L);
        k.caps.put(KvmAbi.KVM_CAP_ARM_VM_IPA_SIZE, 48L);
        k.caps.put(KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 0L);
        HostFacts h = Probe.run(k);
        Host host = h.toHost();
        assertEquals(Arch.ARM64, host.arch());
        assertEquals(Set.of(CpuFeature.FWB, CpuFeature.DIC, CpuFeature.MTE), host.features());
        assertEquals(1, host.kvm().addressSpaces(), "no KVM_CAP_MULTI_ADDRESS_SPACE: one space");
        assertTrue(h.assumptions().get(0).contains("capability 243 is 1"), h.assumptions().toString());
    }

    @Test
    void theFieldsLeftAtTheirDefaultsAreNamed() {
        FakeKernel x86 = new FakeKernel();
        assertEquals(java.util.List.of(), Probe.run(x86).defaultsUsed(), "x86 with KVM and address sizes: all read");

        FakeKernel arm = FakeKernel.withoutKvm(Kernel.ENOENT);
        arm.machine = "aarch64";
        arm.cpuinfo = "Features\t: fp asimd\n";
        HostFacts h = Probe.run(arm);
        java.util.List<String> d = h.defaultsUsed();
        assertEquals(4, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("host.kvm 32767 user slots, 1 address space, READONLY"), d.get(0));
        assertEquals("host.vaBits 48 (the kernel's VA_BITS is not visible from user space)", d.get(1));
        assertEquals("vm.ipaBits 40 (KVM's default IPA size for VM type 0)", d.get(2));
        assertTrue(d.get(3).startsWith("no FWB and no DIC"), d.get(3));
        org.stage2scope.model.Scenario s = h.toScenario();
        assertEquals(org.stage2scope.model.KvmCaps.defaults(Arch.ARM64), s.host().kvm());
        assertTrue(s.description().contains("KVM could not be asked"), s.description());
        assertTrue(s.vmas().isEmpty() && s.memslots().isEmpty());
    }

    @Test
    void memoryEncryptionFlagsWarnThatTheProbedPhysicalBitsMayBeBelowKvmsBound() {
        FakeKernel plain = new FakeKernel();
        assertTrue(Probe.run(plain).assumptions().isEmpty(), Probe.run(plain).assumptions().toString());

        FakeKernel sme = new FakeKernel();
        sme.cpuinfo = "vendor_id\t: AuthenticAMD\nflags\t\t: fpu sme sev\naddress sizes\t: 43 bits physical, 48 bits virtual\n";
        HostFacts h = Probe.run(sme);
        assertEquals(43, h.toVm().ipaBits());
        assertEquals(1, h.assumptions().size(), h.assumptions().toString());
        assertTrue(h.assumptions().get(0).startsWith("This CPU lists sme: /proc/cpuinfo's 43 physical bits may lack"),
                h.assumptions().get(0));
        assertTrue(h.assumptions().get(0).contains("kvm_mmu_max_gfn()"), h.assumptions().get(0));
    }

    @Test
    void anotherArchitectureIsNotAskedAndSaysSo() {
        FakeKernel k = new FakeKernel();
        k.machine = "riscv64";
        HostFacts h = Probe.run(k);
        assertNull(h.kvm());
        assertNull(h.arch());
        assertTrue(h.unreadable().get(0).contains("riscv64"), h.unreadable().toString());
        assertFalse(k.log.contains("open /dev/kvm"));
    }
}
