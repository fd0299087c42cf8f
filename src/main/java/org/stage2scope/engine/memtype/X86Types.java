package org.stage2scope.engine.memtype;

import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Rule;
import org.stage2scope.model.Named;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.X86MemType;

/** Shared pieces of the two x86 combiners. */
final class X86Types {
    private X86Types() {}

    static MemClass memClass(X86MemType type) {
        return switch (type) {
            case WB -> MemClass.WRITE_BACK;
            case WT, WP -> MemClass.WRITE_THROUGH;
            case WC -> MemClass.NON_CACHEABLE;
            case UC, UC_MINUS -> MemClass.DEVICE;
        };
    }

    static X86MemType pat(Stage1Attr stage1) {
        if (!(stage1 instanceof Stage1Attr.Pat pat)) {
            throw new IllegalArgumentException("x86 stage 1 is a PAT type, got " + stage1);
        }
        return pat.type();
    }

    /** The stage-2 (EPT/NPT) type; UC- and unknown spellings are not stage-2 types and give null. */
    static X86MemType stage2Type(String id) {
        X86MemType t = Named.byId(X86MemType.class, id);
        return t == X86MemType.UC_MINUS ? null : t;
    }

    static Combined result(X86MemType type, Rule rule, String reason) {
        return new Combined(type.id(), type.id(), memClass(type), rule, reason);
    }

    static Combined reserved(Rule rule, String reason) {
        return new Combined("RESERVED", "Reserved", MemClass.RESERVED, rule, reason);
    }
}
