package org.stage2scope.engine.policy;

/** How KVM maps a VM_PFNMAP / VM_MIXEDMAP page outside the linear map (user_mem_abort's device branch). */
public enum DeviceMapping {
    /** Normal cacheable: needs FWB, because there is no kernel VA to clean the data cache through. */
    CACHEABLE,
    /** {@code s2_force_noncacheable}: Device-nGnRE, or Normal-NC with VM_ALLOW_ANY_UNCACHED. */
    FORCE_NONCACHEABLE,
    /** The VMA is cacheable but the host cannot map cacheable PFNMAP: -EFAULT to the VMM. */
    EFAULT
}
