package org.stage2scope.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Named;
import org.stage2scope.model.PolicyId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the values options share, with the spellings files use, and their completion candidates. */
final class Choices {
    private Choices() {}

    static <E extends Enum<E> & Named> E named(Class<E> type, String text, String what) {
        E e = Named.byId(type, text);
        if (e == null) {
            throw new TypeConversionException("\"" + text + "\" is not " + what + "; expected one of " + Named.choices(type));
        }
        return e;
    }

    static final class ArchConverter implements ITypeConverter<Arch> {
        @Override
        public Arch convert(String value) {
            return named(Arch.class, value, "an architecture");
        }
    }

    static final class PolicyConverter implements ITypeConverter<PolicyId> {
        @Override
        public PolicyId convert(String value) {
            return named(PolicyId.class, value, "a policy");
        }
    }

    static final class Archs implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Arch.values()).map(Arch::id).iterator();
        }
    }

    static final class Policies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PolicyId.values()).map(PolicyId::id).iterator();
        }
    }

    /** text or json, the two report formats of check and compare. */
    enum Format {
        text, json
    }
}
