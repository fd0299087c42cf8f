package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;

/**
 * The engine against the running kernel: the memslot cases of the kernel selftest
 * tools/testing/selftests/kvm/set_memory_region_test.c, every x86 (or arm64) sample's calls, and
 * {@value RandomSequencesEngineTest#SEQUENCES} seeded random sequences; 100% agreement expected.
 * Predictions use this host as probe reads it. Without a usable /dev/kvm the whole class is skipped
 * with the reason (surefire records it, and .ci/run prints it); either way the build log gets one line
 * saying whether the engine met this kernel, so a skip cannot pass unnoticed in {@code mvn verify}.
 */
class KernelConformanceTest {
    static final long M2 = 2L << 20;
    static final long G = 1L << 30;
    static final long BASE = 0x6000_0000_0000L;

    private static Kernel kernel;
    private static HostFacts facts;
    private static Host host;

    private static String skipped;

    /** Per test, so surefire records every case as skipped with the reason (a class-level abort shows as nothing). */
    @BeforeEach
    void needsKvm() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "KVM conformance suite skipped: not Linux");
        if (facts == null) {
            kernel = JnaKernel.load();
            facts = Probe.run(kernel);
        }
        if (facts.kvm() == null) {
            skipped = String.join(" ", facts.unreadable());
        } else if (facts.arch() == null || facts.granule() == null) {
            skipped = "this host (" + facts.machine() + ") is not modelled";
        }
        assumeTrue(skipped == null, () -> "KVM conformance suite skipped: " + skipped);
        host = facts.toHost();
    }

    @AfterAll
    static void sayWhatRan() {
        String kernelRelease = System.getProperty("os.name") + " " + System.getProperty("os.version");
        if (skipped != null || facts == null) {
            System.out.println("KVM conformance suite skipped on " + kernelRelease + ": "
                    + (skipped != null ? skipped : "not Linux") + " (the engine was not checked against a kernel)");
        } else {
            System.out.println("KVM conformance suite ran on " + kernelRelease + ": " + Tally.ISSUED.sum() + " calls issued in "
                    + Tally.SCENARIOS.sum() + " scenarios, " + Tally.AGREED.sum() + " agree, "
                    + Tally.NOT_REPRODUCED.sum() + " not reproducible here, " + Tally.DISAGREEMENTS.size() + " DISAGREE");
        }
    }

    /**
     * What the suite issued, across all cases: read by {@link KernelConformanceMain} for its summary,
     * since a passing JUnit case says nothing about how many calls the kernel actually answered.
     */
    static final class Tally {
        static final LongAdder ISSUED = new LongAdder();
        static final LongAdder AGREED = new LongAdder();
        static final LongAdder NOT_REPRODUCED = new LongAdder();
        static final LongAdder SCENARIOS = new LongAdder();
        static final List<String> DISAGREEMENTS = Collections.synchronizedList(new ArrayList<>());

        private Tally() {}
    }

    /** Replays a scenario and returns one line per issued call the kernel answered differently. */
    private static List<String> disagreements(Scenario s) {
        ReplayReport r = Replay.run(kernel, s, facts);
        assertEquals(null, r.blocker(), s.name() + ": " + r.blocker());
        Tally.SCENARIOS.increment();
        List<String> bad = new ArrayList<>();
        for (CallVerdict v : r.calls()) {
            if (!v.wasIssued()) {
                Tally.NOT_REPRODUCED.increment();
                continue;
            }
            Tally.ISSUED.increment();
            if (v.agrees()) {
                Tally.AGREED.increment();
            } else {
                String line = s.name() + " #" + v.predicted().index() + " " + v.predicted().call() + ": predicted "
                        + v.predictedName() + " (" + v.predicted().rule().id() + "), kernel " + v.kernelName();
                bad.add(line);
                Tally.DISAGREEMENTS.add(line);
            }
        }
        return bad;
    }

    private static void assertAllAgree(Scenario s) {
        assertEquals(List.of(), disagreements(s), s.name());
    }

    private static Scenario scenario(String name, List<MemslotCall> calls) {
        Vma anon = new Vma("anon", BASE, 64 * G, Perms.parse("rw-p"), Set.of(), MemType.defaultFor(host.arch()), Backing.ram(4096));
        Vm vm = new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false);
        return new Scenario(name, "", host, vm, List.of(anon), calls, Guest.EMPTY);
    }

    private static MemslotCall c(int slot, long gpa, long size, long hva, MemslotFlag... flags) {
        return new MemslotCall(slot, 0, gpa, size, hva, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), 0, "");
    }

    private static MemslotCall as(int as, int slot, long gpa, long size, long hva) {
        return new MemslotCall(slot, as, gpa, size, hva, Set.of(), 0, "");
    }

    @Test
    void selftestOverlaps() {
        assertAllAgree(scenario("overlaps", List.of(
                c(0, 4 * G, 8 * M2, BASE),
                c(1, 4 * G - M2, 2 * M2, BASE + G),
                c(1, 4 * G + 7 * M2, 2 * M2, BASE + G),
                c(1, 4 * G + M2, M2, BASE + G),
                c(1, 4 * G - M2, 16 * M2, BASE + G),
                c(1, 4 * G + 8 * M2, M2, BASE + G),
                c(2, 4 * G - M2, M2, BASE + 2 * G))));
    }

    @Test
    void selftestAlignmentAndWrap() {
        assertAllAgree(scenario("alignment", List.of(
                c(0, 0, M2 + 1, BASE),
                c(0, 1, M2, BASE),
                c(0, 0, M2, BASE + 1),
                c(0, -M2, 2 * M2, BASE),
                c(0, 0, M2, -4096L),
                c(0, 0, 0x1_0000_0000_0000L, BASE))));
    }

    @Test
    void selftestDeleteMissingMoveFlagsOnlyAndSizeChange() {
        assertAllAgree(scenario("modify", List.of(
                c(3, 0, 0, 0),
                c(0, 0, 4 * M2, BASE),
                c(0, 8 * M2, 4 * M2, BASE),
                c(0, 8 * M2, 4 * M2, BASE, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES),
                c(0, 8 * M2, 4 * M2, BASE, MemslotFlag.KVM_MEM_READONLY),
                c(0, 8 * M2, 8 * M2, BASE),
                c(0, 8 * M2, 4 * M2, BASE + G),
                c(0, 8 * M2, 4 * M2, BASE),
                c(0, 0, 0, 0),
                c(0, 0, 0, 0))));
    }

    @Test
    void selftestUndefinedAndCombinedFlags() {
        assertAllAgree(scenario("flags", List.of(
                c(0, 0, M2, BASE, MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP),
                c(0, 0, M2, BASE, MemslotFlag.KVM_MEM_READONLY, MemslotFlag.KVM_MEM_GUEST_MEMFD),
                c(0, 0, M2, BASE, MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES, MemslotFlag.KVM_MEM_GUEST_MEMFD))));
    }

    @Test
    void selftestAddressSpaceIds() {
        assertAllAgree(scenario("as-ids", List.of(as(0, 0, 0, M2, BASE), as(1, 0, 0, M2, BASE), as(2, 0, 0, M2, BASE))));
    }

    @Test
    void selftestMaxSlotsPlusOne() {
        int n = host.kvm().userMemSlots();
        List<MemslotCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(c(i, (long) i * M2, M2, BASE + (long) i * M2));
        }
        calls.add(c(n, (long) n * M2, M2, BASE));
        Vma big = new Vma("anon", BASE, (long) (n + 1) * M2, Perms.parse("rw-p"), Set.of(), MemType.defaultFor(host.arch()),
                Backing.ram(4096));
        Scenario s = new Scenario("max-slots", "", host, new Vm(40, false, PolicyId.UPSTREAM, Set.of(), false), List.of(big), calls,
                Guest.EMPTY);
        assertAllAgree(s);
    }

    @Test
    void everySampleOfThisArchitecture() throws ScenarioException {
        List<String> bad = new ArrayList<>();
        for (Sample sample : SampleCatalog.list()) {
            Scenario s = SampleCatalog.load(sample.fileName());
            if (s.host().arch().isX86() == host.arch().isX86() && s.host().pageSize() == host.pageSize()) {
                bad.addAll(disagreements(s.withHost(host)));
            }
        }
        assertEquals(List.of(), bad);
    }

    /** Every sequence runs even after one disagrees, so a run reports every disagreement, not the first. */
    @Test
    void randomSequences() {
        List<String> bad = new ArrayList<>();
        for (long seed = 0; seed < RandomSequencesEngineTest.SEQUENCES; seed++) {
            bad.addAll(disagreements(MemslotSequences.random(seed, host, RandomSequencesEngineTest.CALLS)));
        }
        assertEquals(List.of(), bad);
    }
}
