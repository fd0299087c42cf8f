package org.stage2scope.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.stage2scope.model.Backing;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Named;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;

/**
 * Writes a {@link Scenario} in the canonical form of {@value ScenarioReader#FORMAT}: fields in the
 * format's order, enum sets in enum order, addresses as lower-case hex, sizes in their short form.
 * Host, vm and each VMA's memType are written in full so a reader sees the whole machine; a RAM
 * backing with default fields and memslot/access fields equal to their default are left out. {@code read(write(s)).equals(s)} always.
 */
public final class ScenarioWriter {
    private ScenarioWriter() {}

    public static String write(Scenario scenario) {
        Host host = scenario.host();
        JsonPrinter.Obj root = JsonPrinter.obj()
                .put("format", ScenarioReader.FORMAT)
                .put("name", scenario.name())
                .put("description", scenario.description())
                .put("host", host(host))
                .put("vm", vm(scenario.vm()));
        List<Object> vmas = JsonPrinter.list();
        for (Vma v : scenario.vmas()) {
            vmas.add(vma(v, host));
        }
        root.put("vmas", vmas);
        List<Object> slots = JsonPrinter.list();
        for (MemslotCall c : scenario.memslots()) {
            slots.add(memslot(c));
        }
        root.put("memslots", slots);
        JsonPrinter.Obj guest = JsonPrinter.obj();
        List<Object> stage1 = JsonPrinter.list();
        for (Stage1Range r : scenario.guest().stage1()) {
            stage1.add(JsonPrinter.obj().put("gpa", U64.hex(r.gpa())).put("size", U64.size(r.size())).put("attr", r.attr().id()));
        }
        List<Object> accesses = JsonPrinter.list();
        for (GuestAccess a : scenario.guest().accesses()) {
            JsonPrinter.Obj o = JsonPrinter.obj().put("gpa", U64.hex(a.gpa())).put("kind", a.kind().id());
            if (!a.label().isEmpty()) {
                o.put("label", a.label());
            }
            accesses.add(o);
        }
        guest.put("stage1", stage1).put("accesses", accesses);
        root.put("guest", guest);
        return JsonPrinter.print(root);
    }

    private static JsonPrinter.Obj host(Host h) {
        JsonPrinter.Obj o = JsonPrinter.obj()
                .put("arch", h.arch().id())
                .put("pageSize", h.pageSize().id())
                .put("vaBits", h.vaBits())
                .put("features", ids(h.features()));
        if (!h.kvm().isDefaultFor(h.arch())) {
            o.put("kvm", JsonPrinter.obj()
                    .put("release", h.kvm().release())
                    .put("nrMemslots", h.kvm().userMemSlots())
                    .put("addressSpaces", h.kvm().addressSpaces())
                    .put("readonlyMem", h.kvm().readonlyMem())
                    .put("guestMemfd", h.kvm().guestMemfd()));
        }
        return o;
    }

    private static JsonPrinter.Obj vm(Vm vm) {
        return JsonPrinter.obj()
                .put("ipaBits", vm.ipaBits())
                .put("mte", vm.mte())
                .put("policy", vm.policy().id())
                .put("quirks", ids(vm.quirks()))
                .put("noncoherentDma", vm.noncoherentDma());
    }

    private static JsonPrinter.Obj vma(Vma v, Host host) {
        JsonPrinter.Obj o = JsonPrinter.obj()
                .put("name", v.name())
                .put("start", U64.hex(v.start()))
                .put("size", U64.size(v.size()))
                .put("perms", v.perms().toString())
                .put("flags", ids(v.flags()))
                .put("memType", v.memType().id());
        Backing b = v.backing();
        if (!b.equals(Backing.ram(host.pageSize().pageSize()))) {
            JsonPrinter.Obj bo = JsonPrinter.obj().put("kind", b.kind().id());
            if (b.pa() != null) {
                bo.put("pa", U64.hex(b.pa()));
            }
            bo.put("pageSize", U64.size(b.pageSize())).put("thp", b.thp());
            if (!b.poisoned().isEmpty()) {
                List<Object> p = JsonPrinter.list();
                b.poisoned().forEach(hva -> p.add(U64.hex(hva)));
                bo.put("poisoned", p);
            }
            o.put("backing", bo);
        }
        return o;
    }

    private static JsonPrinter.Obj memslot(MemslotCall c) {
        JsonPrinter.Obj o = JsonPrinter.obj().put("slot", c.slot());
        if (c.addressSpace() != 0) {
            o.put("addressSpace", c.addressSpace());
        }
        o.put("gpa", U64.hex(c.gpa())).put("size", U64.size(c.size())).put("hva", U64.hex(c.hva()));
        if (!c.flags().isEmpty()) {
            o.put("flags", ids(c.flags()));
        }
        if (c.guestMemfdOffset() != 0) {
            o.put("guestMemfdOffset", U64.hex(c.guestMemfdOffset()));
        }
        if (!c.label().isEmpty()) {
            o.put("label", c.label());
        }
        return o;
    }

    /** Enum spellings in enum (declaration) order, so a set always prints the same way. */
    private static <E extends Enum<E> & Named> List<Object> ids(Set<E> values) {
        List<Object> out = JsonPrinter.list();
        values.stream().sorted().forEach(e -> out.add(e.id()));
        return out;
    }

    /**
     * Atomic save: temp file beside the target, fsync, then rename; the old file stays intact on any
     * failure and the temp file is removed.
     */
    public static void save(Scenario scenario, Path file) throws IOException {
        save(scenario, file, ScenarioWriter::write);
    }

    /** {@link #save(Scenario, Path)} with the serialiser as a seam, so tests can make it fail midway. */
    static void save(Scenario scenario, Path file, java.util.function.Function<Scenario, String> serialiser)
            throws IOException {
        byte[] bytes;
        try {
            bytes = serialiser.apply(scenario).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IOException("cannot serialise the scenario: " + e.getMessage(), e);
        }
        AtomicFile.write(file, out -> out.write(bytes));
    }
}
