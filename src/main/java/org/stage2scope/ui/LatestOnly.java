package org.stage2scope.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The window's one way to work off the UI thread: evaluating a big scenario, comparing it under five
 * policies. Each user of it keeps only its newest request: submitting again cancels the request still
 * queued or running (its thread is interrupted) and a result that arrives after a newer request is
 * dropped, so a burst of edits never lines up stale evaluations. All requests share one daemon thread:
 * the engine is CPU-bound and the machine has few cores.
 *
 * @param <T> what the work produces
 */
final class LatestOnly<T> {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stage2scope-background");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<Runnable> uiThread;
    private Future<?> inFlight;
    private int generation;

    /** @param uiThread how to post a result to the UI thread (Platform::runLater in the app) */
    LatestOnly(Consumer<Runnable> uiThread) {
        this.uiThread = uiThread;
    }

    /** Runs work on the worker thread and hands its result to done on the UI thread, unless superseded. */
    void submit(Supplier<T> work, Consumer<T> done) {
        int gen = supersede();
        inFlight = WORKER.submit(() -> {
            T result = work.get();
            uiThread.accept(() -> {
                if (gen == generation) {
                    inFlight = null;
                    done.accept(result);
                }
            });
        });
    }

    /** Runs work now on the calling (UI) thread, superseding any background request. */
    void runNow(Supplier<T> work, Consumer<T> done) {
        supersede();
        done.accept(work.get());
    }

    /**
     * Drops the request in flight: its thread is interrupted and its result, should it still come, is
     * never delivered (Tools > Verify's Cancel; a replay still closes its own scratch VM).
     */
    void cancel() {
        supersede();
    }

    /** True while a submitted request has not delivered its result. */
    boolean pending() {
        return inFlight != null;
    }

    private int supersede() {
        if (inFlight != null) {
            inFlight.cancel(true);
            inFlight = null;
        }
        return ++generation;
    }
}
