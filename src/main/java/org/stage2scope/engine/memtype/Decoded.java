package org.stage2scope.engine.memtype;

/** A decoded arm64 encoding: the attributes, or why the architecture gives it no meaning. */
record Decoded(ArmMemAttrs attrs, String reservedReason) {

    static Decoded of(ArmMemAttrs attrs) {
        return new Decoded(attrs, null);
    }

    static Decoded reserved(String reason) {
        return new Decoded(null, reason);
    }

    boolean isReserved() {
        return attrs == null;
    }
}
