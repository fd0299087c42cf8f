package org.stage2scope.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.GuestAccess;
import org.stage2scope.model.Host;
import org.stage2scope.model.KvmCaps;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.MemslotFlag;
import org.stage2scope.model.Named;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.VmFlag;
import org.stage2scope.model.X86Quirk;

/**
 * Reads the scenario format {@value #FORMAT} (docs/scenario-format.md) into a {@link Scenario}.
 * Refuses only what the model cannot represent; kernel-level problems (misaligned, overlapping,
 * wrapping memslots) load fine and are the engine's to report. Every refusal is a
 * {@link ScenarioException} with the JSON path, line and column of the offending value.
 */
public final class ScenarioReader {
    public static final String FORMAT = "stage2scope-scenario/1";

    /** A 32,767-memslot stress scenario is about 10 MB; anything past this is not a scenario. */
    public static final long MAX_BYTES = 64L << 20;

    /** vm.ipaBits when absent: arm64 KVM's default IPA size (KVM_VM_TYPE_ARM_IPA_SIZE 0 means 40). */
    public static final int DEFAULT_IPA_BITS = 40;

    private ScenarioReader() {}

    /** Reads a scenario file, or standard input when {@code file} is "-" (see {@link InputFile}). */
    public static Scenario read(Path file) throws ScenarioException {
        String source = file.toString().equals(InputFile.STDIN) ? "<stdin>" : file.toString();
        // The file's bytes and text die with tree()'s frame: at 64 MiB they are 130 MiB the decoding no longer needs.
        return decode(tree(file, source), source);
    }

    private static JsonNodeAt tree(Path file, String source) throws ScenarioException {
        byte[] bytes;
        try {
            bytes = InputFile.read(file, MAX_BYTES, "a scenario with every possible memslot is about 10 MB");
        } catch (InputFile.Unreadable e) {
            throw new ScenarioException(source, "", 0, 0, e.getMessage());
        }
        return tree(bytes, source);
    }

    /** Decodes strict UTF-8 (a non-UTF-8 byte is an error with its line), then parses. */
    public static Scenario readBytes(byte[] bytes, String sourceName) throws ScenarioException {
        return decode(tree(bytes, sourceName), sourceName);
    }

    private static JsonNodeAt tree(byte[] bytes, String sourceName) throws ScenarioException {
        if (bytes.length > MAX_BYTES) {
            throw new ScenarioException(sourceName, "", 0, 0, "the input is " + bytes.length
                    + " bytes, above the limit of " + MAX_BYTES + " bytes (64 MiB)");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            int offset = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new ScenarioException(sourceName, "", line, column, String.format(
                    "byte 0x%02x at offset %d is not UTF-8; scenario files are UTF-8 text", bytes[Math.min(offset, bytes.length - 1)] & 0xff, offset));
        } catch (CharacterCodingException e) {
            throw new ScenarioException(sourceName, "", 0, 0, "the file is not UTF-8 text");
        }
        return tree(text, sourceName);
    }

    /** @param sourceName what error messages call the input (a file name, "clipboard") */
    public static Scenario readString(String json, String sourceName) throws ScenarioException {
        return decode(tree(json, sourceName), sourceName);
    }

    private static JsonNodeAt tree(String json, String sourceName) throws ScenarioException {
        if (json.length() > MAX_BYTES) {
            throw new ScenarioException(sourceName, "", 0, 0, "the input is above the limit of 64 MiB");
        }
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        return LocatedJsonParser.parse(text, sourceName);
    }

    private static Scenario decode(JsonNodeAt root, String sourceName) throws ScenarioException {
        return new ScenarioReader.Decoder(sourceName).scenario(root);
    }

    /** Walks the located tree; one method per object of the format, in the format's order. */
    private static final class Decoder {
        private final String source;

        /** Every object reader opened so far, outermost and earliest first. */
        private final List<ObjectReader> opened = new ArrayList<>();

        Decoder(String source) {
            this.source = source;
        }

        private ObjectReader open(String path, JsonNodeAt node) throws ScenarioException {
            ObjectReader o = ObjectReader.of(source, path, node);
            opened.add(o);
            return o;
        }

        /** A misspelt key is the cause worth naming: it is reported before whatever it made fail later. */
        Scenario scenario(JsonNodeAt root) throws ScenarioException {
            try {
                return decode(root);
            } catch (ScenarioException e) {
                for (ObjectReader o : opened) {
                    ScenarioException typo = o.misspelt();
                    if (typo != null) {
                        throw typo;
                    }
                }
                throw e;
            }
        }

        private Scenario decode(JsonNodeAt root) throws ScenarioException {
            ObjectReader o = open("", root);
            JsonNodeAt format = o.get("format");
            if (format == null) {
                throw o.errorHere("missing required field \"format\"; a scenario file starts with {\"format\": \"" + FORMAT + "\"");
            }
            if (!(format instanceof JsonNodeAt.Str s) || !s.value().equals(FORMAT)) {
                String got = format instanceof JsonNodeAt.Str s2 ? "\"" + s2.value() + "\"" : format.typeName();
                throw o.error("format", got + " is not a format this version reads; expected \"" + FORMAT + "\"");
            }
            String name = o.string("name", "");
            String description = o.string("description", "");
            JsonNodeAt hostNode = o.get("host");
            Host host = host(hostNode == null ? emptyAt(o.node()) : hostNode, o.child("host"));
            JsonNodeAt vmNode = o.get("vm");
            Vm vm = vm(vmNode == null ? emptyAt(o.node()) : vmNode, o.child("vm"), host.arch());
            List<Vma> vmas = new ArrayList<>();
            List<JsonNodeAt> vmaNodes = o.array("vmas");
            for (int i = 0; i < vmaNodes.size(); i++) {
                vmas.add(vma(vmaNodes.get(i), "vmas[" + i + "]", host));
            }
            List<MemslotCall> calls = new ArrayList<>();
            List<JsonNodeAt> slotNodes = o.array("memslots");
            for (int i = 0; i < slotNodes.size(); i++) {
                calls.add(memslot(slotNodes.get(i), "memslots[" + i + "]"));
            }
            JsonNodeAt guestNode = o.get("guest");
            Guest guest = guestNode == null ? Guest.EMPTY : guest(guestNode, "guest", host.arch());
            o.finish();
            try {
                return new Scenario(name, description, host, vm, vmas, calls, guest);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        private static JsonNodeAt emptyAt(JsonNodeAt.Obj parent) {
            return new JsonNodeAt.Obj(parent.line(), parent.column(), java.util.Map.of());
        }

        Host host(JsonNodeAt node, String path) throws ScenarioException {
            ObjectReader o = open(path, node);
            Arch arch = o.enumValue("arch", Arch.class, Arch.ARM64, "an architecture");
            Granule pageSize = o.enumValue("pageSize", Granule.class, Granule.G4K, "a host page size");
            int vaBits = o.integer("vaBits", Host.defaultVaBits(arch), 32, 57);
            Set<CpuFeature> features = o.enumSet("features", CpuFeature.class, Set.of(), "a CPU feature");
            for (CpuFeature f : features) {
                if (!f.appliesTo(arch)) {
                    throw o.error("features", "feature \"" + f.id() + "\" does not exist on " + arch.id()
                            + "; arm64 has FWB, DIC, IDC, MTE and x86 has SELF_SNOOP");
                }
            }
            JsonNodeAt kvmNode = o.get("kvm");
            KvmCaps kvm = kvmNode == null ? KvmCaps.defaults(arch) : kvm(kvmNode, o.child("kvm"), arch);
            o.finish();
            try {
                return new Host(arch, pageSize, vaBits, features, kvm);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        /** host.kvm: what the host's KVM reports (stage2scope probe writes it); each field defaults to upstream. */
        KvmCaps kvm(JsonNodeAt node, String path, Arch arch) throws ScenarioException {
            ObjectReader o = open(path, node);
            KvmCaps d = KvmCaps.defaults(arch);
            String release = o.string("release", "");
            int slots = o.integer("nrMemslots", d.userMemSlots(), 1, KvmCaps.MEM_SLOTS_NUM);
            int spaces = o.integer("addressSpaces", d.addressSpaces(), 1, KvmCaps.MAX_ADDRESS_SPACES);
            boolean readonly = o.bool("readonlyMem", d.readonlyMem());
            boolean gmem = o.bool("guestMemfd", d.guestMemfd());
            o.finish();
            return new KvmCaps(release, slots, spaces, readonly, gmem);
        }

        /**
         * The kernel's VM_READ, VM_WRITE, VM_EXEC and VM_SHARED may stand in flags: alone they give the
         * perms; next to "perms" they must say the same. They leave {@code flags} either way.
         */
        private static Perms permsFromFlags(ObjectReader o, Perms perms, Set<VmFlag> flags) throws ScenarioException {
            Set<VmFlag> named = EnumSet.noneOf(VmFlag.class);
            for (VmFlag f : flags) {
                if (f.isPermission()) {
                    named.add(f);
                }
            }
            if (named.isEmpty()) {
                return perms;
            }
            flags.removeAll(named);
            Perms fromFlags = new Perms(named.contains(VmFlag.VM_READ), named.contains(VmFlag.VM_WRITE),
                    named.contains(VmFlag.VM_EXEC), named.contains(VmFlag.VM_SHARED));
            if (!o.has("perms") || fromFlags.equals(perms)) {
                return fromFlags;
            }
            throw o.error("flags", "flags " + named.stream().map(VmFlag::name).collect(java.util.stream.Collectors.joining("|"))
                    + " mean perms \"" + fromFlags + "\" but perms is \"" + perms + "\"; give one of them, or make them agree");
        }

        Vm vm(JsonNodeAt node, String path, Arch arch) throws ScenarioException {
            ObjectReader o = open(path, node);
            int ipaBits = o.integer("ipaBits", DEFAULT_IPA_BITS, 32, 52);
            boolean mte = o.bool("mte", false);
            PolicyId policy = o.enumValue("policy", PolicyId.class, PolicyId.UPSTREAM, "a policy");
            Set<X86Quirk> quirks = o.enumSet("quirks", X86Quirk.class, X86Quirk.defaultsFor(arch), "an x86 quirk");
            boolean noncoherentDma = o.bool("noncoherentDma", false);
            o.finish();
            try {
                return new Vm(ipaBits, mte, policy, quirks, noncoherentDma);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        Vma vma(JsonNodeAt node, String path, Host host) throws ScenarioException {
            ObjectReader o = open(path, node);
            String name = o.requireString("name");
            long start = o.requireAddress("start");
            long size = o.requireSize("size");
            Perms perms;
            try {
                perms = Perms.parse(o.string("perms", Perms.RW_SHARED.toString()));
            } catch (IllegalArgumentException e) {
                throw o.error("perms", e.getMessage());
            }
            Set<VmFlag> flags = EnumSet.copyOf(o.enumSet("flags", VmFlag.class, EnumSet.noneOf(VmFlag.class), "a VM_* flag"));
            perms = permsFromFlags(o, perms, flags);
            JsonNodeAt mt = o.get("memType");
            if (mt instanceof JsonNodeAt.Str s && Named.byId(MemType.class, s.value()) == null) {
                throw o.error("memType", "\"" + s.value() + "\" is not a memory type; expected one of " + memTypeChoices(host.arch()));
            }
            MemType memType = o.enumValue("memType", MemType.class, MemType.defaultFor(host.arch()), "a memory type");
            if (!memType.appliesTo(host.arch())) {
                throw o.error("memType", "\"" + memType.id() + "\" is not a memory type on " + host.arch().id()
                        + "; expected one of " + memTypeChoices(host.arch()));
            }
            JsonNodeAt b = o.get("backing");
            Backing backing = b == null ? Backing.ram(host.pageSize().pageSize()) : backing(b, o.child("backing"), host);
            o.finish();
            try {
                return new Vma(name, start, size, perms, flags, memType, backing);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        Backing backing(JsonNodeAt node, String path, Host host) throws ScenarioException {
            ObjectReader o = open(path, node);
            Backing.Kind kind = o.enumValue("kind", Backing.Kind.class, Backing.Kind.RAM, "a backing kind");
            Long pa = o.optionalAddress("pa");
            long pageSize = o.size("pageSize", host.pageSize().pageSize());
            boolean thp = o.bool("thp", false);
            List<Long> poisoned = new ArrayList<>();
            List<JsonNodeAt> items = o.array("poisoned");
            for (int i = 0; i < items.size(); i++) {
                poisoned.add(ObjectReader.address(source, o.child("poisoned") + "[" + i + "]", items.get(i)));
            }
            o.finish();
            try {
                return new Backing(kind, pa, pageSize, thp, poisoned);
            } catch (IllegalArgumentException e) {
                throw o.error("pageSize", e.getMessage());
            }
        }

        MemslotCall memslot(JsonNodeAt node, String path) throws ScenarioException {
            ObjectReader o = open(path, node);
            o.require("slot");
            int slot = o.integer("slot", 0, 0, 0xffff);
            int as = o.integer("addressSpace", 0, 0, 0xffff);
            long gpa = o.requireAddress("gpa");
            long size = o.requireSize("size");
            long hva = o.address("hva", 0);
            if (!o.has("hva") && size != 0) {
                throw o.errorHere("missing required field \"hva\" (only a delete, size 0, may leave it out)");
            }
            Set<MemslotFlag> flags = o.enumSet("flags", MemslotFlag.class, Set.of(), "a memslot flag");
            long offset = o.address("guestMemfdOffset", 0);
            String label = o.string("label", "");
            o.finish();
            try {
                return new MemslotCall(slot, as, gpa, size, hva, flags, offset, label);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        Guest guest(JsonNodeAt node, String path, Arch arch) throws ScenarioException {
            ObjectReader o = open(path, node);
            List<Stage1Range> stage1 = new ArrayList<>();
            List<JsonNodeAt> ranges = o.array("stage1");
            for (int i = 0; i < ranges.size(); i++) {
                stage1.add(stage1(ranges.get(i), o.child("stage1") + "[" + i + "]", arch));
            }
            List<GuestAccess> accesses = new ArrayList<>();
            List<JsonNodeAt> acc = o.array("accesses");
            for (int i = 0; i < acc.size(); i++) {
                accesses.add(access(acc.get(i), o.child("accesses") + "[" + i + "]"));
            }
            o.finish();
            return new Guest(stage1, accesses);
        }

        Stage1Range stage1(JsonNodeAt node, String path, Arch arch) throws ScenarioException {
            ObjectReader o = open(path, node);
            long gpa = o.requireAddress("gpa");
            long size = o.requireSize("size");
            o.require("attr");
            Stage1Attr attr;
            try {
                attr = Stage1Attr.parse(arch, o.string("attr", null));
            } catch (IllegalArgumentException e) {
                throw o.error("attr", e.getMessage());
            }
            o.finish();
            try {
                return new Stage1Range(gpa, size, attr);
            } catch (IllegalArgumentException e) {
                throw o.errorHere(e.getMessage());
            }
        }

        GuestAccess access(JsonNodeAt node, String path) throws ScenarioException {
            ObjectReader o = open(path, node);
            long gpa = o.requireAddress("gpa");
            o.require("kind");
            GuestAccess.Kind kind = o.enumValue("kind", GuestAccess.Kind.class, null, "an access kind");
            String label = o.string("label", "");
            o.finish();
            return new GuestAccess(gpa, kind, label);
        }
    }

    private static String memTypeChoices(Arch arch) {
        StringBuilder sb = new StringBuilder();
        for (MemType t : MemType.values()) {
            if (t.appliesTo(arch)) {
                sb.append(sb.length() == 0 ? "" : ", ").append('"').append(t.id()).append('"');
            }
        }
        return sb.toString();
    }
}
