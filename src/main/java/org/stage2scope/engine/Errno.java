package org.stage2scope.engine;

/** The errno values a memslot ioctl or a stage-2 fault returns to userspace in this model. */
public enum Errno {
    EINVAL, EEXIST, EFAULT, EPERM
}
