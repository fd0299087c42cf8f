package org.stage2scope.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.ChangeKind;
import org.stage2scope.engine.Errno;
import org.stage2scope.engine.MemslotResult;
import org.stage2scope.engine.memslot.MemslotValidator;
import org.stage2scope.engine.policy.Policy;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * The conformance suite's random sequences, run where no kernel is needed: the engine's results
 * must keep the kernel's invariants (checked by an independent slot ledger), and the replay and
 * comparison code must run end to end over a kernel double that answers as the engine predicts.
 */
class RandomSequencesEngineTest {
    static final int SEQUENCES = 500;
    static final int CALLS = 24;
    static final Host HOST = new Host(Arch.X86_AMD, Granule.G4K, 47, Set.of());

    private static List<MemslotResult> predict(Scenario s) {
        return MemslotValidator.replay(s, Policy.of(PolicyId.UPSTREAM)).results();
    }

    @Test
    void acceptedCreatesAndMovesNeverOverlapAndEexistAlwaysMeansAnOverlap() {
        int eexist = 0;
        int accepted = 0;
        for (long seed = 0; seed < SEQUENCES; seed++) {
            Scenario s = MemslotSequences.random(seed, HOST, CALLS);
            Map<Integer, MemslotCall> standing = new HashMap<>();
            for (MemslotResult r : predict(s)) {
                MemslotCall c = r.call();
                int key = c.rawSlot();
                if (r.errno() == Errno.EEXIST) {
                    eexist++;
                    assertTrue(overlapsAnother(standing, c), "seed " + seed + " call " + r.index() + ": EEXIST without an overlap");
                }
                if (!r.ok()) {
                    continue;
                }
                accepted++;
                if (r.change() == ChangeKind.CREATE || r.change() == ChangeKind.MOVE) {
                    assertTrue(!overlapsAnother(standing, c), "seed " + seed + " call " + r.index() + ": accepted over another slot");
                    assertTrue(c.slot() < HOST.kvm().userMemSlots() && c.addressSpace() < HOST.kvm().addressSpaces());
                    assertTrue(U64.isAligned(c.gpa() | c.size() | c.hva(), 4096), "accepted only page-aligned");
                }
                if (r.change() == ChangeKind.DELETE) {
                    assertTrue(standing.remove(key) != null, "seed " + seed + " call " + r.index() + ": deleted a missing slot");
                } else {
                    if (r.change() == ChangeKind.CREATE) {
                        assertTrue(!standing.containsKey(key), "CREATE of a standing slot");
                    }
                    standing.put(key, c);
                }
            }
        }
        assertTrue(eexist > 50 && accepted > 2000, "the generator reaches overlaps (" + eexist + ") and acceptances (" + accepted + ")");
    }

    private static boolean overlapsAnother(Map<Integer, MemslotCall> standing, MemslotCall c) {
        for (Map.Entry<Integer, MemslotCall> e : standing.entrySet()) {
            MemslotCall o = e.getValue();
            if (e.getKey() != c.rawSlot() && o.addressSpace() == c.addressSpace()
                    && U64.le(o.gpa(), U64.last(c.gpa(), c.size())) && U64.le(c.gpa(), U64.last(o.gpa(), o.size()))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theGeneratorCoversEveryRefusalTheSelftestChecks() {
        Set<String> rules = new java.util.TreeSet<>();
        for (long seed = 0; seed < SEQUENCES; seed++) {
            predict(MemslotSequences.random(seed, HOST, CALLS)).forEach(r -> rules.add(r.rule().id()));
        }
        assertTrue(rules.containsAll(List.of("memslot.overlap", "memslot.delete.missing", "memslot.modify.immutable",
                "memslot.size.unaligned", "memslot.gpa.unaligned", "memslot.hva.unaligned", "memslot.gpa.wrap",
                "memslot.flags.invalid", "memslot.as-id.range", "memslot.id.range", "ok.move", "ok.flags-only", "ok.delete")),
                rules.toString());
    }

    @Test
    void replayAndComparisonRunOverEverySequenceAndReleaseEverything() {
        List<String> problems = new ArrayList<>();
        for (long seed = 0; seed < SEQUENCES; seed++) {
            Scenario s = MemslotSequences.random(seed, HOST, CALLS);
            FakeKernel k = new FakeKernel();
            HostFacts facts = Probe.run(k);
            for (MemslotResult r : predict(s)) {
                k.regionAnswers.add(r.ok() ? 0 : Errnos.number(r.errno()));
            }
            ReplayReport rep = Replay.run(k, s, facts);
            if (rep.exitCode() != 0 || rep.issued() != CALLS || !k.openFds.isEmpty() || !k.mapped.isEmpty()) {
                problems.add("seed " + seed + ": exit " + rep.exitCode() + ", issued " + rep.issued());
            }
            assertEquals(CALLS, k.regions.size());
        }
        assertEquals(List.of(), problems);
    }
}
