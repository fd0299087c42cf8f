package org.stage2scope.host;

import org.stage2scope.engine.Errno;

/** The engine's errno names as the numbers an ioctl returns (include/uapi/asm-generic/errno-base.h). */
final class Errnos {
    private Errnos() {}

    static int number(Errno e) {
        return switch (e) {
            case EPERM -> Kernel.EPERM;
            case EFAULT -> Kernel.EFAULT;
            case EEXIST -> Kernel.EEXIST;
            case EINVAL -> Kernel.EINVAL;
        };
    }
}
