package org.stage2scope.engine;

/** What one simulated guest access ends in (arch/arm64/kvm/mmu.c kvm_handle_guest_abort and user_mem_abort). */
public enum AccessOutcome {
    /** A stage-2 entry is installed and the guest retries the access. */
    MAPPED,
    /** No memslot (or a write to a READONLY slot): KVM_EXIT_MMIO to the VMM. */
    MMIO_EXIT,
    /** The vCPU ioctl returns -EFAULT to the VMM. */
    EFAULT,
    /** The page is hardware-poisoned: SIGBUS to the VMM. */
    SIGBUS,
    /**
     * arm64: the guest gets an injected abort. For an instruction fetch this is one outcome whether
     * kvm_handle_guest_abort found no memslot or user_mem_abort returned -ENOEXEC (exec from a
     * forced-non-cacheable mapping): either way kvm_inject_sea_iabt runs; the trace says which path.
     */
    ABORT_INJECTED,
    /**
     * x86: an instruction fetch from a GPA with no memslot. The fault is handled as MMIO, but the
     * emulator cannot fetch the instruction bytes, so handle_emulation_failure queues #UD and, at
     * CPL 0, exits to the VMM with KVM_EXIT_INTERNAL_ERROR / KVM_INTERNAL_ERROR_EMULATION.
     */
    EMULATION_FAILURE
}
