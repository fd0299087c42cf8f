package org.stage2scope.report;

import java.math.BigInteger;
import org.stage2scope.engine.AccessOutcome;
import org.stage2scope.model.U64;

/** Spellings the JSON and text reports share, so both say the same thing the same way. */
final class ReportValues {
    private ReportValues() {}

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Exclusive end of a range as hex. A range ending exactly at 2^64 prints "0x10000000000000000"
     * instead of wrapping to 0, so the end is never below the start.
     */
    static String endHex(long start, long size) {
        long end = start + size;
        if (size != 0 && end == 0) {
            return "0x" + TWO_TO_64.toString(16);
        }
        return U64.hex(end);
    }

    /** Access outcomes as reports print them: "mapped", "mmio-exit", "abort-injected", "emulation-failure", or the errno/signal name. */
    static String outcome(AccessOutcome o) {
        return switch (o) {
            case MAPPED -> "mapped";
            case MMIO_EXIT -> "mmio-exit";
            case ABORT_INJECTED -> "abort-injected";
            case EMULATION_FAILURE -> "emulation-failure";
            case EFAULT, SIGBUS -> o.name();
        };
    }

    static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static String hex(BigInteger v) {
        return "0x" + v.toString(16);
    }
}
