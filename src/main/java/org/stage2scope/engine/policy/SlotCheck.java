package org.stage2scope.engine.policy;

/**
 * The policy-specific part of kvm_arch_prepare_memory_region's check of one VM_PFNMAP VMA
 * (the dirty-logging refusal is common to all policies and not here).
 * Each returns null to accept, or the reason for -EINVAL.
 * C = kvm_vma_is_cacheable(vma), S = kvm_supports_cacheable_pfnmap(), F = the policy's bit-3 flag is set.
 */
public enum SlotCheck {
    /** pre-6.17: nothing beyond dirty logging. */
    NONE {
        @Override
        public String refusal(boolean c, boolean s, boolean f) {
            return null;
        }
    },
    /** upstream (6.17+): C and not S. */
    CACHEABLE_NEEDS_SUPPORT {
        @Override
        public String refusal(boolean c, boolean s, boolean f) {
            return c && !s ? "the VMA is cacheable but the host lacks FWB+DIC (kvm_supports_cacheable_pfnmap() is false)" : null;
        }
    },
    /** v6 3/5: a cacheable VMA needs the ENABLE flag and support. */
    ENABLE_FLAG_REQUIRED {
        @Override
        public String refusal(boolean c, boolean s, boolean f) {
            if (c && !f) {
                return "the VMA is cacheable but the memslot lacks KVM_MEM_ENABLE_CACHEABLE_PFNMAP";
            }
            if (c && !s) {
                return "the VMA is cacheable but the host lacks FWB+DIC";
            }
            return null;
        }
    },
    /** FORCE, one-sided: the flag on a non-cacheable VMA, or a cacheable VMA without support. */
    FORCE_ONE_SIDED {
        @Override
        public String refusal(boolean c, boolean s, boolean f) {
            if (!c && f) {
                return "KVM_MEM_FORCE_CACHEABLE_PFNMAP is set but the VMA's pgprot is non-cacheable";
            }
            if (c && !s) {
                return "the VMA is cacheable but the host lacks FWB+DIC";
            }
            return null;
        }
    },
    /** FORCE, symmetric: the flag must be set exactly when the VMA is cacheable. */
    FORCE_STRICT {
        @Override
        public String refusal(boolean c, boolean s, boolean f) {
            if (c && !f) {
                return "the VMA is cacheable but KVM_MEM_FORCE_CACHEABLE_PFNMAP is not set (strict: flag must equal cacheability)";
            }
            if (!c && f) {
                return "KVM_MEM_FORCE_CACHEABLE_PFNMAP is set but the VMA's pgprot is non-cacheable";
            }
            if (f && !s) {
                return "KVM_MEM_FORCE_CACHEABLE_PFNMAP is set but the host lacks FWB+DIC";
            }
            return null;
        }
    };

    public abstract String refusal(boolean c, boolean s, boolean f);
}
