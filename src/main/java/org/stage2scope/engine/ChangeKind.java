package org.stage2scope.engine;

/** Kernel {@code enum kvm_mr_change}, plus NONE for a call that changes nothing. */
public enum ChangeKind {
    CREATE, MOVE, FLAGS_ONLY, DELETE, NONE
}
