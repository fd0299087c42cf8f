package org.stage2scope.engine.policy;

/** The device-PFNMAP branch of user_mem_abort under a policy. */
public enum FaultRule {
    /** Before Linux 6.17: every device PFNMAP page is forced non-cacheable, whatever the VMA says. */
    ALWAYS_NONCACHEABLE {
        @Override
        public DeviceMapping decide(boolean vmaCacheable, boolean hostSupportsCacheablePfnmap) {
            return DeviceMapping.FORCE_NONCACHEABLE;
        }
    },
    /**
     * Linux 6.17+ (and every flag proposal, which only add memslot checks): a cacheable VMA maps
     * cacheable when {@code kvm_supports_cacheable_pfnmap()}, else -EFAULT; a non-cacheable VMA is
     * forced non-cacheable.
     */
    PGPROT_DECIDES {
        @Override
        public DeviceMapping decide(boolean vmaCacheable, boolean hostSupportsCacheablePfnmap) {
            if (!vmaCacheable) {
                return DeviceMapping.FORCE_NONCACHEABLE;
            }
            return hostSupportsCacheablePfnmap ? DeviceMapping.CACHEABLE : DeviceMapping.EFAULT;
        }
    };

    public abstract DeviceMapping decide(boolean vmaCacheable, boolean hostSupportsCacheablePfnmap);
}
