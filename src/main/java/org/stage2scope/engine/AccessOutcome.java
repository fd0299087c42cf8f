package org.stage2scope.engine;

/** What one simulated guest access ends in (arch/arm64/kvm/mmu.c kvm_handle_guest_abort and user_mem_abort). */
public enum AccessOutcome {
    /** A stage-2 entry is installed and the guest retries the access. */
    MAPPED,
    /** No memslot (or a write to a READONLY slot): KVM_EXIT_MMIO to the VMM. */
    MMIO_EXIT,
    /** The vCPU ioctl returns -EFAULT to the VMM. */
    EFAULT,
    /** Exec from a forced-non-cacheable mapping: an instruction abort is injected into the guest. */
    ENOEXEC,
    /** The page is hardware-poisoned: SIGBUS to the VMM. */
    SIGBUS,
    /** No memslot and not an emulatable data access: an external abort is injected into the guest. */
    ABORT_INJECTED
}
