package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.stage2scope.engine.Ref;
import org.stage2scope.host.HostFacts;
import org.stage2scope.host.HostText;
import org.stage2scope.host.JnaKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.host.Probe;
import org.stage2scope.host.Replay;
import org.stage2scope.host.ReplayReport;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;

/**
 * The window's two ways to the running kernel: File > New from this host ({@link Probe}, the scenario
 * {@code probe -o} writes) and Tools > Verify against this kernel ({@link Replay#onThisKernel}, the table
 * {@code replay} prints). Both ask the kernel off the UI thread through {@link LatestOnly}, with the
 * status bar's busy indicator on meanwhile. The kernel is a seam: tests hand in a double.
 */
final class HostActions {
    private final MainViewModel vm;
    private final ScenarioFiles files;
    private final AppWindows windows;
    private DialogService dialogs;
    private Supplier<Kernel> kernel = JnaKernel::load;
    private final LatestOnly<Probed> probing = new LatestOnly<>(Platform::runLater);
    private final LatestOnly<ReplayReport> replaying = new LatestOnly<>(Platform::runLater);
    private VerifyView verify;

    HostActions(MainViewModel vm, ScenarioFiles files, DialogService dialogs, AppWindows windows) {
        this.vm = vm;
        this.files = files;
        this.dialogs = dialogs;
        this.windows = windows;
    }

    void setDialogs(DialogService d) {
        dialogs = d;
    }

    /** How the window reaches the kernel: JnaKernel::load in the app, a double in tests. */
    void setKernel(Supplier<Kernel> k) {
        kernel = k;
    }

    /** True while a probe or a replay has not delivered its result (tests wait on it). */
    boolean pending() {
        return probing.pending() || replaying.pending();
    }

    private void updateBusy() {
        vm.setKernelBusy(pending());
    }

    // ------------------------------------------------------------------ File > New from this host

    /** What the probe read, or why it could not even start (no libc through JNA). */
    private record Probed(HostFacts facts, String failure) { }

    /**
     * Probes this host in the background, then (asking over unsaved changes only once there is something
     * to open) opens its host and VM as a new untitled, modified document with no VMAs, calls or guest.
     */
    void newFromHost() {
        Supplier<Kernel> k = kernel;
        vm.say("Reading this host's kernel and CPU\u2026");
        probing.submit(() -> probe(k), this::openProbed);
        updateBusy();
    }

    private static Probed probe(Supplier<Kernel> kernel) {
        try {
            return new Probed(Probe.run(kernel.get()), null);
        } catch (RuntimeException e) {
            // JnaKernel.load's IllegalStateException says why libc cannot be reached; anything else is a bug
            // that must still leave the window usable and say what happened.
            return new Probed(null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void openProbed(Probed p) {
        updateBusy();
        if (p.failure() != null) {
            vm.say("Nothing could be read from this host: " + p.failure() + ".");
            dialogs.showError("Cannot start a scenario from this host: nothing could be read (" + p.failure() + ").");
            return;
        }
        HostFacts f = p.facts();
        String refusal = notDescribable(f);
        if (refusal != null) {
            vm.say(refusal);
            dialogs.showError(refusal);
            return;
        }
        if (!files.confirmDiscard("start a new scenario from this host")) {
            vm.say("New from this host cancelled; the scenario stays.");
            return;
        }
        Scenario s = f.toScenario();
        String sentence = openedSentence(f);
        vm.document().loadUnsaved(s, sentence);
        vm.select(Ref.NONE);
        vm.say(sentence);
        // The status line cuts a long sentence off; the explanation panel keeps all of it.
        vm.showNote(sentence + "\n\nWhat this host reported (as stage2scope probe prints it)\n" + HostText.render(f));
    }

    /** Why this host cannot be a scenario host (an architecture or page size the model lacks), or null. */
    static String notDescribable(HostFacts f) {
        if (f.arch() == null) {
            return "Cannot start a scenario from this host: " + String.join("; ", reasons(f.unreadable())) + ".";
        }
        if (f.granule() == null) {
            return "Cannot start a scenario from this host: its page size is " + U64.human(f.pageSize())
                    + ", and scenarios have 4K, 16K or 64K pages.";
        }
        return null;
    }

    /**
     * The status line after New from this host, one sentence: which host, that it is not saved, and,
     * where something could not be read, why and which fields are documented defaults instead.
     */
    static String openedSentence(HostFacts f) {
        String which = "New scenario from this host (Linux " + f.release() + " on " + f.arch().id() + ", not saved yet)";
        List<String> why = reasons(f.unreadable());
        List<String> defaults = f.defaultsUsed();
        if (why.isEmpty() && defaults.isEmpty()) {
            return which + ": every field was read from this host.";
        }
        String because = why.isEmpty() ? "" : String.join("; ", why);
        if (defaults.isEmpty()) {
            return which + ": " + because + ".";
        }
        return which + ": " + (because.isEmpty() ? "" : because + ", so ") + "these are documented defaults: "
                + String.join("; ", defaults) + ".";
    }

    /** Each unreadable sentence without its consequence (", so ...") and final full stop. */
    private static List<String> reasons(List<String> unreadable) {
        List<String> out = new ArrayList<>();
        for (String u : unreadable) {
            int cut = u.indexOf(", so ");
            String r = cut > 0 ? u.substring(0, cut) : u;
            out.add(r.endsWith(".") ? r.substring(0, r.length() - 1) : r);
        }
        return out;
    }

    // ------------------------------------------------------------------ Tools > Verify against this kernel

    /** Opens (or brings forward) the verify window and replays the current scenario on this kernel. */
    VerifyView openVerify() {
        if (verify == null) {
            verify = new VerifyView(windows, this::verify, this::cancelVerify);
        }
        verify.show();
        verify();
        return verify;
    }

    private void verify() {
        Scenario s = vm.document().scenario();
        if (s == null) {
            return;
        }
        Supplier<Kernel> k = kernel;
        verify.running(s.name(), s.memslots().size());
        replaying.submit(() -> replay(k, s), r -> {
            updateBusy();
            verify.show(VerifyModel.of(r));
            vm.say(verifiedSentence(r));
        });
        updateBusy();
    }

    private static ReplayReport replay(Supplier<Kernel> kernel, Scenario s) {
        try {
            return Replay.onThisKernel(kernel, s);
        } catch (RuntimeException e) {
            // A bug, not the host: the window still says nothing ran instead of waiting forever.
            return new ReplayReport(s.name(), "", "the replay failed (" + e + ").", List.of(), List.of());
        }
    }

    private void cancelVerify() {
        replaying.cancel();
        updateBusy();
        verify.cancelled();
        vm.say("Verify against this kernel cancelled.");
    }

    /** The status line after a replay: the summary, or why nothing ran. */
    static String verifiedSentence(ReplayReport r) {
        return r.blocker() != null ? "Verify against this kernel could not run: " + r.whyNothingRan()
                : "Verified against Linux " + r.release() + ": " + org.stage2scope.host.ReplayText.summary(r) + ".";
    }

    /** The verify window if it was ever opened (tests). */
    VerifyView verifyView() {
        return verify;
    }
}
