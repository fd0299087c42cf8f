package org.stage2scope.render;

import org.stage2scope.engine.AccessResult;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Backing;
import org.stage2scope.model.Vma;

/** Which Style each engine outcome is drawn with: the one place meaning turns into a drawing state. */
public final class Styles {
    private Styles() {}

    public static Style vma(Vma v) {
        return v.backing().kind() == Backing.Kind.DEVICE ? Style.VMA_DEVICE : Style.VMA_RAM;
    }

    public static Style memClass(MemClass c) {
        if (c == null) {
            return Style.RESERVED;
        }
        return switch (c) {
            case WRITE_BACK -> Style.WRITE_BACK;
            case WRITE_THROUGH -> Style.WRITE_THROUGH;
            case NON_CACHEABLE -> Style.NON_CACHEABLE;
            case DEVICE -> Style.DEVICE;
            case RESERVED -> Style.RESERVED;
        };
    }

    public static Style run(Stage2Run r) {
        return switch (r.outcome()) {
            case MAPPED -> r.s2() == null ? Style.RESERVED : memClass(r.s2().memClass());
            case EFAULT -> Style.EFAULT;
            case SIGBUS -> Style.SIGBUS;
        };
    }

    public static Style access(AccessResult a) {
        return switch (a.outcome()) {
            case MAPPED -> Style.ACCESS_OK;
            case MMIO_EXIT -> Style.ACCESS_EXIT;
            default -> Style.ACCESS_FAIL;
        };
    }
}
