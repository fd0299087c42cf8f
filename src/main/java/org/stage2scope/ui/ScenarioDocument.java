package org.stage2scope.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.EvaluationDiff;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.model.Scenario;

/**
 * The open scenario: the current immutable Scenario, its file, dirty flag, undo/redo stacks of whole
 * scenarios, and the current Evaluation. Views observe the read-only properties; edits go through
 * {@link #edit}, which re-evaluates. No rule is computed here: the engine does that.
 */
public final class ScenarioDocument {
    /** How many edits Undo can take back; the oldest are forgotten beyond that. */
    static final int UNDO_LIMIT = 200;

    private final Function<Scenario, Evaluation> engine;
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyObjectWrapper<Evaluation> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Stage2Scope");
    /** A scenario on the undo or redo stack with what the edit that left it did ("FWB on"). */
    private record Step(Scenario scenario, String what) { }

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private Scenario saved;

    /** Scenarios with at least this many memslot calls are evaluated off the UI thread. */
    static final int ASYNC_MEMSLOTS = 2000;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** Null evaluates synchronously (tests, tools). */
    private final LatestOnly<Object> background;
    private List<Change> changed = List.of();
    private final ReadOnlyStringWrapper changeSummary = new ReadOnlyStringWrapper(this, "changeSummary", "");
    private final ReadOnlyStringWrapper changeDetail = new ReadOnlyStringWrapper(this, "changeDetail", "");

    public ScenarioDocument() {
        this(Evaluator::evaluate);
    }

    /** @param engine how to evaluate; tests may pass a fixture */
    public ScenarioDocument(Function<Scenario, Evaluation> engine) {
        this(engine, null);
    }

    /**
     * @param uiThread how to post a background result to the UI thread (Platform::runLater in the app);
     *                 null keeps every evaluation synchronous
     */
    public ScenarioDocument(Function<Scenario, Evaluation> engine, java.util.function.Consumer<Runnable> uiThread) {
        this.engine = engine;
        this.background = uiThread == null ? null : new LatestOnly<>(uiThread);
        file.addListener((o, a, b) -> updateTitle());
        dirty.addListener((o, a, b) -> updateTitle());
        scenario.addListener((o, a, b) -> updateTitle());
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    public Scenario scenario() {
        return scenario.get();
    }

    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() {
        return evaluation.getReadOnlyProperty();
    }

    /** The current evaluation, or null when the engine failed (see {@link #messageProperty}). */
    public Evaluation evaluation() {
        return evaluation.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Path file() {
        return file.get();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** True while a big scenario is being evaluated in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The last status line: what an edit did, or why it was refused. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the last edit (or undo/redo) changed, lane by lane; empty after New/Open or when nothing changed. */
    public List<Change> changes() {
        return changed;
    }

    /**
     * "Changed: 3 lanes \u2014 ..." or "No outcome changed" after an edit, "" after New/Open; it stays
     * until the next edit so the words outlive the outline's fade.
     */
    public ReadOnlyStringProperty changeSummaryProperty() {
        return changeSummary.getReadOnlyProperty();
    }

    /** Every change of the last edit, one per line (the status line's tooltip). */
    public ReadOnlyStringProperty changeDetailProperty() {
        return changeDetail.getReadOnlyProperty();
    }

    /** Replaces everything (New, Open): clears undo, not dirty. */
    public void load(Scenario s, Path path) {
        undo.clear();
        redo.clear();
        saved = s;
        file.set(path);
        changed = List.of();
        set(s, false);
        dirty.set(false);
        if (evaluation.get() != null && !busy.get()) {
            message.set(path == null ? "Opened " + s.name() : "Opened " + path.getFileName());
        }
    }

    /**
     * Replaces everything with a scenario that exists in no file yet (File > Import from QEMU): like
     * {@link #load} it clears undo, but it is dirty from the start so closing asks before losing it.
     */
    public void loadUnsaved(Scenario s, String what) {
        undo.clear();
        redo.clear();
        saved = null;
        file.set(null);
        changed = List.of();
        set(s, false);
        if (evaluation.get() != null && !busy.get()) {
            message.set(what);
        }
    }

    /**
     * Applies an edit. A model refusal (IllegalArgumentException from a record) leaves the scenario
     * untouched and becomes the status message.
     *
     * @return true when the scenario changed
     */
    public boolean edit(String what, UnaryOperator<Scenario> change) {
        Scenario before = scenario.get();
        Scenario after;
        try {
            after = change.apply(before);
        } catch (IllegalArgumentException e) {
            message.set("Not changed: " + e.getMessage());
            return false;
        }
        if (after == null || after.equals(before)) {
            return false;
        }
        undo.push(new Step(before, what));
        while (undo.size() > UNDO_LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        set(after, true);
        message.set(what);
        return true;
    }

    /** Takes back the last edit; the status line names it ("Undone: FWB on"). */
    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        Step back = undo.pop();
        redo.push(new Step(scenario.get(), back.what()));
        set(back.scenario(), true);
        message.set("Undone: " + back.what());
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        Step again = redo.pop();
        undo.push(new Step(scenario.get(), again.what()));
        set(again.scenario(), true);
        message.set("Redone: " + again.what());
        return true;
    }

    /** How many edits Undo can take back now (at most {@link #UNDO_LIMIT}). */
    public int undoDepth() {
        return undo.size();
    }

    /** After a successful save. */
    /** The scenario as its file or sample has it (loaded or last saved); null for an unsaved import. */
    public Scenario savedScenario() {
        return saved;
    }

    public void markSaved(Path path) {
        saved = scenario.get();
        file.set(path);
        dirty.set(false);
        message.set("Saved " + path.getFileName());
    }

    private void set(Scenario s, boolean diff) {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        if (background == null || s.memslots().size() < ASYNC_MEMSLOTS) {
            if (background != null) {
                background.runNow(() -> null, r -> { }); // a small scenario supersedes a big one still evaluating
            }
            apply(s, diff, evaluate(s));
            return;
        }
        // A big scenario takes the engine hundreds of milliseconds: evaluate off the UI thread and keep
        // the last picture until the new one is ready; a newer edit makes this result stale.
        scenario.set(s);
        dirty.set(!s.equals(saved));
        busy.set(true);
        changeSummary.set(""); // the last edit's words would describe a picture that is about to go
        message.set("Evaluating " + s.memslots().size() + " memslot calls\u2026");
        background.submit(() -> evaluate(s), r -> apply(s, diff, r));
    }

    /** The evaluation, or the failure message as a String. */
    private Object evaluate(Scenario s) {
        try {
            return engine.apply(s);
        } catch (RuntimeException e) {
            return "The engine could not evaluate this scenario: " + e.getMessage();
        }
    }

    private void apply(Scenario s, boolean diff, Object result) {
        Evaluation old = evaluation.get();
        Evaluation now = result instanceof Evaluation e ? e : null;
        if (result instanceof String msg) {
            message.set(msg);
        } else if (busy.get()) {
            message.set("Evaluated " + s.memslots().size() + " memslot calls");
        }
        busy.set(false);
        changed = diff && old != null && now != null ? EvaluationDiff.of(old, now) : List.of();
        changeSummary.set(diff && old != null && now != null ? ChangeSummary.line(changed) : "");
        changeDetail.set(diff && old != null && now != null ? ChangeSummary.full(changed) : "");
        scenario.set(s);
        evaluation.set(now);
        dirty.set(!s.equals(saved));
    }

    private void updateTitle() {
        Scenario s = scenario.get();
        String name = file.get() != null ? file.get().getFileName().toString()
                : s == null || s.name().isEmpty() ? "untitled" : s.name();
        title.set("Stage2Scope \u2014 " + name + (dirty.get() ? " *" : ""));
    }
}
