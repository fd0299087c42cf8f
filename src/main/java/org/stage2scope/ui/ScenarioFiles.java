package org.stage2scope.ui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.ScenarioEdits;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.io.IoCause;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.io.ScenarioWriter;
import org.stage2scope.io.qemu.ImportException;
import org.stage2scope.io.qemu.ImportOptions;
import org.stage2scope.io.qemu.ImportResult;
import org.stage2scope.io.qemu.QemuImporter;
import org.stage2scope.model.Scenario;
import org.stage2scope.report.ReportFiles;
import org.stage2scope.report.ReportFormat;
import org.stage2scope.report.ReviewDocument;

/**
 * The File menu's work: New, Open, Open sample, Open recent, drag and drop, Save, Save As, Import from
 * QEMU, Save report, and the "save changes?" question before anything replaces unsaved work. A file
 * that does not load is one sentence in an error dialog and the current scenario stays.
 */
final class ScenarioFiles {
    /** The saved scenario chosen with Compare with saved, evaluated: the "before" of the A/B section. */
    private Evaluation against;
    private String againstName;
    static final DialogService.Filter SCENARIO = new DialogService.Filter("Stage2Scope scenario (*.json)", "*.json");

    private final MainViewModel vm;
    private final ScenarioDocument doc;
    private final RecentFiles recent;
    private DialogService dialogs;

    ScenarioFiles(MainViewModel vm, RecentFiles recent, DialogService dialogs) {
        this.vm = vm;
        this.doc = vm.document();
        this.recent = recent;
        this.dialogs = dialogs;
    }

    void setDialogs(DialogService d) {
        dialogs = d;
    }

    RecentFiles recent() {
        return recent;
    }

    /**
     * Before unsaved work is replaced or the window closes: asks Save / Discard / Cancel.
     *
     * @return true when it is fine to go on (saved, discarded, or nothing unsaved)
     */
    boolean confirmDiscard(String what) {
        if (!doc.isDirty()) {
            return true;
        }
        return switch (dialogs.askSaveChanges(what)) {
            case SAVE -> save() && !doc.isDirty();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    void newScenario() {
        if (confirmDiscard("start a new scenario")) {
            doc.load(ScenarioEdits.blank(), null);
            vm.select(Ref.NONE);
        }
    }

    /** Start-up: the default sample, or a blank scenario with the reason in the status line (no modal dialog). */
    void openDefault() {
        try {
            doc.load(SampleCatalog.load(SampleCatalog.DEFAULT), null);
        } catch (ScenarioException | RuntimeException e) {
            doc.load(ScenarioEdits.blank(), null);
            vm.say("Could not open the default sample (" + e.getMessage() + "); started with a blank scenario.");
        }
    }

    boolean openSample(String fileName) {
        try {
            doc.load(SampleCatalog.load(fileName), null);
            vm.select(Ref.NONE);
            return true;
        } catch (ScenarioException | RuntimeException e) {
            dialogs.showError("Cannot open sample " + fileName + ": " + e.getMessage());
            return false;
        }
    }

    /** Loads a file; on any error the current scenario stays and the message is shown. */
    boolean openFile(Path path) {
        try {
            doc.load(ScenarioReader.read(path), path);
            vm.select(Ref.NONE);
            recent.remember(path);
            return true;
        } catch (ScenarioException e) {
            dialogs.showError(e.getMessage());
        } catch (RuntimeException e) {
            dialogs.showError(path.getFileName() + ": " + e.getMessage());
        }
        return false;
    }

    void openDialog() {
        if (confirmDiscard("open another scenario")) {
            dialogs.chooseOpen("Open scenario", recent.lastFolder(), List.of(SCENARIO)).ifPresent(this::openFile);
        }
    }

    void openRecent(Path p) {
        if (confirmDiscard("open " + p.getFileName())) {
            openFile(p);
        }
    }

    void openSampleAsking(String title, String fileName) {
        if (confirmDiscard("open " + title)) {
            openSample(fileName);
        }
    }

    /**
     * Files dropped on the window: the first {@code .json} opens (asking over unsaved changes); a drop
     * with none is refused in one sentence and the current scenario stays.
     *
     * @return true when a scenario was opened
     */
    boolean openDropped(List<File> files) {
        for (File f : files) {
            if (f.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
                return confirmDiscard("open " + f.getName()) && openFile(f.toPath());
            }
        }
        if (!files.isEmpty()) {
            dialogs.showError("Cannot open " + (files.size() == 1 ? files.get(0).getName() : files.size() + " dropped files")
                    + ": drop a Stage2Scope scenario file (.json).");
        }
        return false;
    }

    boolean saveTo(Path path) {
        try {
            ScenarioWriter.save(doc.scenario(), path);
            doc.markSaved(path);
            recent.remember(path);
            return true;
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Cannot save " + path.getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    boolean save() {
        return doc.file() == null ? saveAsDialog() : saveTo(doc.file());
    }

    boolean saveAsDialog() {
        String name = doc.file() == null ? safeName() + ".json" : doc.file().getFileName().toString();
        return dialogs.chooseSave("Save scenario", folder(), name, List.of(SCENARIO)).map(this::saveTo).orElse(false);
    }

    /** Where choosers open: the last folder used, else the open file's. */
    Path folder() {
        Path last = recent.lastFolder();
        if (last != null) {
            return last;
        }
        return doc.file() == null ? null : doc.file().toAbsolutePath().getParent();
    }

    /** The scenario's name as a file name ("grace-hopper-fwb"). */
    String safeName() {
        String n = doc.scenario() == null ? "" : doc.scenario().name().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.isEmpty() ? "scenario" : n;
    }

    // ------------------------------------------------------------------ import and report

    /**
     * File > Import from QEMU: builds a scenario from a copy of the QEMU process's smaps and a monitor
     * transcript and opens it as a new unsaved document; the import report goes to the explanation panel.
     * Any unreadable input becomes one sentence (file and line) and the current scenario stays.
     */
    boolean importQemu(Path smaps, Path monitor, ImportOptions options) {
        ImportResult r;
        try {
            r = QemuImporter.importFiles(smaps, monitor, options);
        } catch (ImportException e) {
            dialogs.showError("Cannot import: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            dialogs.showError("Cannot import " + smaps.getFileName() + " and " + monitor.getFileName() + ": " + e.getMessage());
            return false;
        }
        recent.rememberFolder(smaps);
        Scenario s = r.scenario();
        doc.loadUnsaved(s, "Imported " + s.vmas().size() + " VMAs and " + s.memslots().size() + " memslot calls from "
                + smaps.getFileName() + " and " + monitor.getFileName() + " (not saved yet)");
        vm.select(Ref.NONE);
        vm.showNote("Import report (" + smaps.getFileName() + ", " + monitor.getFileName() + ")\n"
                + String.join("\n", r.report().lines()));
        return true;
    }

    void importDialog() {
        if (confirmDiscard("import another scenario")) {
            dialogs.askImport().ifPresent(r -> importQemu(r.smaps(), r.monitor(), r.options()));
        }
    }

    /**
     * File > Save report: the review document in the format the name asks for (.html, .md with a PNG
     * beside it, .txt for a mail, .json), written atomically; with the A/B section when a saved scenario
     * was chosen with Compare with saved. Any other extension is refused, never silently changed.
     */
    boolean saveReport(Path path) {
        Evaluation ev = doc.evaluation();
        if (ev == null) {
            dialogs.showError("Nothing to report: the scenario has no evaluation.");
            return false;
        }
        if (ReportFormat.of(path) == null) {
            dialogs.showError("Cannot save report: " + ReportFormat.unknown(path.getFileName() == null ? path : path.getFileName()) + ".");
            return false;
        }
        try {
            List<Path> written = ReportFiles.write(path, new ReviewDocument(ev, null, against, againstName));
            recent.rememberFolder(path);
            String names = String.join(" and ", written.stream().map(p -> String.valueOf(p.getFileName())).toList());
            vm.say("Saved report " + names);
            dialogs.notify("Saved report " + names);
            return true;
        } catch (IOException e) {
            dialogs.showError("Cannot save report " + path.getFileName() + ": " + IoCause.describe(e));
            return false;
        }
    }

    void saveReportDialog() {
        List<DialogService.Filter> filters = new ArrayList<>();
        for (ReportFormat f : ReportFormat.values()) {
            filters.add(new DialogService.Filter(f.description() + " (*." + f.extension() + ")", "*." + f.extension()));
        }
        dialogs.chooseSave("Save report", folder(), safeName() + "-review.html", filters).ifPresent(this::saveReport);
    }

    /**
     * File > Compare with saved: evaluates a saved scenario (the document's own file, or any other) and
     * shows every range and memslot call whose outcome differs from it, before -> after, in the
     * explanation panel; Save report then includes the same A/B section.
     */
    boolean compareWithSaved(Path saved) {
        Evaluation ev = doc.evaluation();
        if (ev == null) {
            dialogs.showError("Nothing to compare: the scenario has no evaluation.");
            return false;
        }
        Scenario old;
        try {
            old = ScenarioReader.read(saved);
        } catch (ScenarioException e) {
            dialogs.showError("Cannot compare: " + e.getMessage());
            return false;
        }
        against = Evaluator.evaluate(old);
        againstName = String.valueOf(saved.getFileName());
        ReviewDocument d = new ReviewDocument(ev, null, against, againstName);
        vm.showNote(d.abText());
        vm.say(d.abSummary());
        return true;
    }

    void compareWithSavedDialog() {
        dialogs.chooseOpen("Compare with saved scenario", doc.file() != null ? doc.file().getParent() : folder(),
                List.of(new DialogService.Filter("Stage2Scope scenario (*.json)", "*.json"))).ifPresent(this::compareWithSaved);
    }
}
