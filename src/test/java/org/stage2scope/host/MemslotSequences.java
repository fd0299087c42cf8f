package org.stage2scope.host;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
import org.stage2scope.model.X86Quirk;

/**
 * Seeded random memslot call sequences over two anonymous VMAs: creates, deletes, moves, flag
 * changes, overlaps, misalignments, wrapping GPAs, out-of-range ids and address spaces, mixed so
 * that most calls meet slots created before them. The same seed always gives the same scenario.
 */
final class MemslotSequences {
    static final long K4 = 4096;
    static final long M2 = 2L << 20;
    static final long G = 1L << 30;
    /** Two 4 GiB stand-in VMAs, 1 GiB aligned, far from where the JVM maps its heap. */
    static final long VMA0 = 0x6000_0000_0000L;
    static final long VMA1 = 0x6100_0000_0000L;
    static final long VMA_SIZE = 4 * G;

    private MemslotSequences() {}

    static Scenario random(long seed, Host host, int calls) {
        Random r = new Random(seed);
        List<Vma> vmas = List.of(
                new Vma("anon0", VMA0, VMA_SIZE, Perms.parse("rw-p"), Set.of(), MemType.defaultFor(host.arch()), Backing.ram(K4)),
                new Vma("memfd1", VMA1, VMA_SIZE, Perms.parse("rw-s"), Set.of(), MemType.defaultFor(host.arch()), Backing.ram(K4)));
        List<MemslotCall> out = new ArrayList<>();
        List<MemslotCall> made = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            MemslotCall c = next(r, made, host);
            out.add(c);
            if (c.size() != 0) {
                made.add(c);
            }
        }
        Vm vm = new Vm(40, false, PolicyId.UPSTREAM, host.arch().isX86() ? Set.of(X86Quirk.IGNORE_GUEST_PAT) : Set.of(), false);
        return new Scenario("random-" + seed, "", host, vm, vmas, out, Guest.EMPTY);
    }

    private static MemslotCall next(Random r, List<MemslotCall> made, Host host) {
        int kind = r.nextInt(100);
        if (!made.isEmpty() && kind < 15) {
            MemslotCall old = made.get(r.nextInt(made.size()));
            return new MemslotCall(old.slot(), old.addressSpace(), old.gpa(), 0, 0, Set.of(), 0, "delete");
        }
        if (!made.isEmpty() && kind < 30) {
            MemslotCall old = made.get(r.nextInt(made.size()));
            return new MemslotCall(old.slot(), old.addressSpace(), gpa(r), old.size(), old.hva(), old.flags(), 0, "move");
        }
        if (!made.isEmpty() && kind < 40) {
            MemslotCall old = made.get(r.nextInt(made.size()));
            Set<MemslotFlag> f = EnumSet.noneOf(MemslotFlag.class);
            f.addAll(old.flags());
            MemslotFlag toggle = r.nextInt(4) == 0 ? MemslotFlag.KVM_MEM_READONLY : MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES;
            if (!f.remove(toggle)) {
                f.add(toggle);
            }
            long size = r.nextInt(8) == 0 ? old.size() + M2 : old.size();
            return new MemslotCall(old.slot(), old.addressSpace(), old.gpa(), size, old.hva(), f, 0, "flags");
        }
        if (kind < 45) {
            return new MemslotCall(r.nextInt(6), 0, 0, 0, 0, Set.of(), 0, "delete missing?");
        }
        int slot = r.nextInt(50) == 0 ? host.kvm().userMemSlots() + r.nextInt(3) - 1 : r.nextInt(8);
        int as = r.nextInt(12) == 0 ? 1 + r.nextInt(2) : 0;
        long size = size(r);
        long base = r.nextBoolean() ? VMA0 : VMA1;
        long hva = base + ((long) r.nextInt(8) * M2 * 64) % (VMA_SIZE - 2 * G);
        if (r.nextInt(25) == 0) {
            hva += 0x800;
        }
        long gpa = r.nextInt(30) == 0 ? -G : gpa(r);
        Set<MemslotFlag> flags = EnumSet.noneOf(MemslotFlag.class);
        if (r.nextInt(6) == 0) {
            flags.add(MemslotFlag.KVM_MEM_READONLY);
        }
        if (r.nextInt(6) == 0) {
            flags.add(MemslotFlag.KVM_MEM_LOG_DIRTY_PAGES);
        }
        if (r.nextInt(40) == 0) {
            flags.add(MemslotFlag.KVM_MEM_FORCE_CACHEABLE_PFNMAP);
        }
        return new MemslotCall(slot, as, gpa, size, hva, flags, 0, "create");
    }

    private static long gpa(Random r) {
        long g = (long) r.nextInt(16) * M2 * 32;
        return r.nextInt(25) == 0 ? g + K4 / 2 : g;
    }

    private static long size(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> K4;
            case 1 -> K4 + 1;
            case 2 -> G;
            case 3 -> 64 * M2;
            default -> (1 + r.nextInt(16)) * M2;
        };
    }
}
