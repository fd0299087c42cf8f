package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import org.stage2scope.engine.ArchSwitch;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.ScenarioEdits;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.U64;
import org.stage2scope.model.Vm;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * What the main window shows and does, without a control in sight: the document, the selection, the
 * theme, the visible part of the picture, whether the engine is busy and the status line. Views bind to
 * these read-only properties and call the methods here; they never talk to each other. Kernel rules
 * stay in the engine ({@link ScenarioEdits}, {@link ArchSwitch}); this class only says which edit the
 * user asked for and what the status line says about it.
 */
public final class MainViewModel {
    private final ScenarioDocument doc;
    private final ReadOnlyObjectWrapper<Ref> selection = new ReadOnlyObjectWrapper<>(this, "selection", Ref.NONE);
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.light());
    private final ReadOnlyObjectWrapper<View> zoom = new ReadOnlyObjectWrapper<>(this, "zoom", View.ALL);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper kernelBusy = new ReadOnlyBooleanWrapper(this, "kernelBusy");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    /** Who shows a selected item in full (the picture zooms to it); the one app-wide event. */
    private final List<Consumer<Ref>> revealListeners = new ArrayList<>();

    public MainViewModel(ScenarioDocument doc) {
        this.doc = doc;
        dark.addListener((o, a, b) -> updateTheme());
        presentation.addListener((o, a, b) -> updateTheme());
        busy.bind(doc.busyProperty().or(kernelBusy));
        doc.messageProperty().addListener((o, a, m) -> status.set(withChanges(m)));
        doc.changeSummaryProperty().addListener((o, a, m) -> status.set(withChanges(doc.messageProperty().get())));
        doc.scenarioProperty().addListener((o, a, s) -> {
            if (s != null && !stillExists(s, selection.get())) {
                selection.set(Ref.NONE);
            }
        });
        doc.evaluationProperty().addListener((o, a, ev) -> explain());
        selection.addListener((o, a, r) -> explain());
    }

    private void explain() {
        explanation.set(InspectorModel.explain(doc.evaluation(), selection.get()));
    }

    /** The explanation panel's text: why the selection looks the way it does. */
    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    /** Puts a longer text (an import report) in the explanation panel until the selection changes. */
    public void showNote(String text) {
        explanation.set(text);
    }

    // ------------------------------------------------------------------ state

    public ScenarioDocument document() {
        return doc;
    }

    public ReadOnlyObjectProperty<Ref> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Ref selection() {
        return selection.get();
    }

    public void select(Ref r) {
        selection.set(r == null ? Ref.NONE : r);
    }

    /** Selects r and asks the picture to zoom to it (a finding, a compare row, go to). */
    public void reveal(Ref r) {
        select(r);
        revealListeners.forEach(l -> l.accept(selection.get()));
    }

    public void onReveal(Consumer<Ref> l) {
        revealListeners.add(l);
    }

    /** Dark theme (View menu); with presentation mode it picks the theme. */
    public BooleanProperty darkProperty() {
        return dark;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** The visible part of the GPA axis, as the picture last drew it. */
    public ReadOnlyObjectProperty<View> zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** The picture reports its visible part here (it owns panning and zooming). */
    void followZoom(ObservableValue<View> view) {
        zoom.bind(view);
    }

    /** True while the engine evaluates in the background or the running kernel is being asked. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True while probe or replay asks the running kernel (File > New from this host, Tools > Verify). */
    public ReadOnlyBooleanProperty kernelBusyProperty() {
        return kernelBusy.getReadOnlyProperty();
    }

    void setKernelBusy(boolean on) {
        kernelBusy.set(on);
    }

    /** "FWB off. Changed: 4 lanes \u2014 ...": what was done, then what it changed (until the next edit). */
    private String withChanges(String message) {
        String changes = doc.changeSummaryProperty().get();
        if (changes.isEmpty()) {
            return message;
        }
        return message == null || message.isEmpty() ? changes : message + ". " + changes;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Puts a sentence on the status line. */
    public void say(String message) {
        status.set(message);
    }

    /** True when the host is x86, where FWB and DIC do not exist. */
    public BooleanBinding x86Host() {
        return Bindings.createBooleanBinding(() -> doc.scenario() != null && doc.scenario().host().arch().isX86(),
                doc.scenarioProperty());
    }

    /** True when the selection is a VMA, memslot call or access: something Delete can remove. */
    public BooleanBinding removableSelection() {
        return Bindings.createBooleanBinding(() -> removable(selection.get()), selection);
    }

    /** True when the selection is a GPA range (a stage-2 or effective band). */
    public BooleanBinding gpaRangeSelected() {
        return Bindings.createBooleanBinding(() -> selection.get() instanceof Ref.GpaRange, selection);
    }

    static boolean removable(Ref r) {
        return r instanceof Ref.Vma || r instanceof Ref.MemslotCall || r instanceof Ref.Access;
    }

    private void updateTheme() {
        boolean d = dark.get();
        theme.set(presentation.get() ? Theme.presentation(d) : d ? Theme.dark() : Theme.light());
    }

    private static boolean stillExists(Scenario s, Ref r) {
        if (r instanceof Ref.Vma v) {
            return v.index() < s.vmas().size();
        }
        if (r instanceof Ref.MemslotCall m) {
            return m.index() < s.memslots().size();
        }
        if (r instanceof Ref.Access a) {
            return a.index() < s.guest().accesses().size();
        }
        return true;
    }

    // ------------------------------------------------------------------ edits (the toolbar and the Edit menu)

    public boolean setFeature(CpuFeature f, boolean on) {
        if (doc.scenario() == null || doc.scenario().host().has(f) == on) {
            return false;
        }
        return doc.edit(f.id() + (on ? " on" : " off"), s -> ScenarioEdits.withFeature(s, f, on));
    }

    public boolean setPolicy(PolicyId p) {
        return p != null && doc.edit("policy " + p.id(), s -> s.withVm(new Vm(s.vm().ipaBits(), s.vm().mte(), p, s.vm().quirks(),
                s.vm().noncoherentDma())));
    }

    public boolean setArch(Arch a) {
        return a != null && doc.edit("arch " + a.id() + " (memory types converted)", s -> ArchSwitch.convert(s, a));
    }

    public void addVma() {
        add(ScenarioEdits::addVma, after -> new Ref.Vma(after.vmas().size() - 1));
    }

    public void addMemslot() {
        int vma = selection.get() instanceof Ref.Vma v ? v.index() : -1;
        add(s -> ScenarioEdits.addMemslot(s, vma), after -> new Ref.MemslotCall(after.memslots().size() - 1));
    }

    public void addAccess() {
        Long gpa = selection.get() instanceof Ref.GpaRange g ? g.gpa() : null;
        add(s -> ScenarioEdits.addAccess(s, gpa), after -> new Ref.Access(after.guest().accesses().size() - 1));
    }

    /** Makes an add edit named after what it adds ("Added VMA vma3") and selects the new item. */
    private void add(java.util.function.UnaryOperator<Scenario> edit, java.util.function.Function<Scenario, Ref> added) {
        Scenario s = doc.scenario();
        if (s == null) {
            return;
        }
        Scenario preview = edit.apply(s);
        if (doc.edit("Added " + Navigator.describe(preview, added.apply(preview)), edit)) {
            select(added.apply(doc.scenario()));
        }
    }

    /**
     * Edit > Add stage-1 range: appends a range over the selected stage-2/effective GPA range (the guest's
     * last-listed range wins where ranges overlap); anything else selected is refused in the status line.
     */
    public boolean addStage1ForSelection() {
        if (!(selection.get() instanceof Ref.GpaRange g)) {
            say("Select a GPA range in the stage-2 or effective lane first.");
            return false;
        }
        return doc.edit("Added a stage-1 range at " + U64.hex(g.gpa()), s -> ScenarioEdits.addStage1(s, g.gpa(), g.size()));
    }

    /** Removes the selected VMA, memslot call or access; the status line names it ("Removed VMA pflash0"). */
    public boolean removeSelected() {
        return remove(selection.get());
    }

    public boolean remove(Ref sel) {
        Scenario s = doc.scenario();
        if (s == null || !removable(sel)) {
            say("Select a VMA, memslot call or guest access to remove.");
            return false;
        }
        String what = "Removed " + Navigator.describe(s, sel);
        boolean done;
        if (sel instanceof Ref.Vma v) {
            done = doc.edit(what, x -> ScenarioEdits.removeVma(x, v.index()));
        } else if (sel instanceof Ref.MemslotCall m) {
            done = doc.edit(what, x -> ScenarioEdits.removeCall(x, m.index()));
        } else {
            done = doc.edit(what, x -> ScenarioEdits.removeAccess(x, ((Ref.Access) sel).index()));
        }
        if (done) {
            select(Ref.NONE);
        }
        return done;
    }

    // ------------------------------------------------------------------ finding things

    /** Ctrl+F: selects and reveals what the query names, or says that nothing matches. */
    public boolean goTo(String query) {
        Optional<Ref> r = Navigator.goTo(doc.evaluation(), query);
        if (r.isEmpty()) {
            say("Nothing matches \"" + query + "\": type a GPA (0x...), \"hva 0x...\", a slot id (3 or 1:3) or a name.");
            return false;
        }
        reveal(r.get());
        say("Found " + Navigator.describe(doc.scenario(), r.get()));
        return true;
    }

    /** ] and [: the next or previous band of the selection's lane. */
    public void stepBand(int step) {
        reveal(Navigator.step(doc.evaluation(), selection.get(), step));
    }

    /** F8 and Shift+F8: the next or previous finding, selected and revealed. */
    public void stepFinding(int step) {
        Evaluation ev = doc.evaluation();
        Navigator.stepFinding(FindingRow.of(ev), selection.get(), step).ifPresentOrElse(f -> {
            reveal(f.ref());
            say(f.toString());
        }, () -> say("No findings to step through."));
    }
}
