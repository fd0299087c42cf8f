package org.stage2scope.host;

import org.stage2scope.engine.MemslotResult;

/**
 * One memslot call of a replay: what the engine predicted and what the running kernel returned.
 *
 * @param predicted    the engine's result for the call
 * @param kernelErrno  0 when the kernel accepted the call, the errno when it refused, null when not issued
 * @param hvaIssued    the userspace_addr actually passed (the scenario's HVA moved with its stand-in)
 * @param notIssued    why the call could not be reproduced here, null when it was issued
 */
public record CallVerdict(MemslotResult predicted, Integer kernelErrno, long hvaIssued, String notIssued) {

    public static CallVerdict issued(MemslotResult predicted, int kernelErrno, long hvaIssued) {
        return new CallVerdict(predicted, kernelErrno, hvaIssued, null);
    }

    public static CallVerdict skipped(MemslotResult predicted, String why) {
        return new CallVerdict(predicted, null, predicted.call().hva(), why);
    }

    public boolean wasIssued() {
        return notIssued == null;
    }

    /** The errno the engine predicted, 0 for success. */
    public int predictedErrno() {
        return predicted.ok() ? 0 : Errnos.number(predicted.errno());
    }

    public boolean agrees() {
        return wasIssued() && kernelErrno == predictedErrno();
    }

    /** "agree", "DISAGREE" or "not reproduced". */
    public String verdict() {
        return !wasIssued() ? "not reproduced" : agrees() ? "agree" : "DISAGREE";
    }

    public String predictedName() {
        return predicted.resultName();
    }

    public String kernelName() {
        return kernelErrno == null ? "-" : kernelErrno == 0 ? "ok" : Kernel.errnoName(kernelErrno);
    }
}
