package org.stage2scope.ui;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;
import org.stage2scope.engine.grid.ScenarioCells;
import org.stage2scope.model.Arch;
import org.stage2scope.model.CpuFeature;

/**
 * What the memory-type explorer shows: the arch tab, its switch (FWB on arm64, IPAT on Intel), the
 * grid the engine computes for them, the cells the open scenario's ranges land in, and the selected
 * cell with its explanation. No rule is decided here: the grid and the scenario cells are the
 * engine's ({@link MemtypeGrid}, {@link ScenarioCells}).
 */
public final class MemtypeExplorerModel {
    private final ObjectProperty<Arch> arch = new SimpleObjectProperty<>(this, "arch", Arch.ARM64);
    private final BooleanProperty fwb = new SimpleBooleanProperty(this, "fwb", false);
    private final BooleanProperty ipat = new SimpleBooleanProperty(this, "ipat", true);
    private final BooleanProperty allRows = new SimpleBooleanProperty(this, "allRows", false);
    private final ObjectProperty<Evaluation> evaluation = new SimpleObjectProperty<>(this, "evaluation");
    private final ReadOnlyObjectWrapper<MemtypeGrid> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final ObjectProperty<ScenarioCells.Key> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private ScenarioCells scenarioCells;

    public MemtypeExplorerModel() {
        arch.addListener((o, a, b) -> rebuild());
        fwb.addListener((o, a, b) -> rebuild());
        ipat.addListener((o, a, b) -> rebuild());
        allRows.addListener((o, a, b) -> rebuild());
        evaluation.addListener((o, a, e) -> {
            scenarioCells = e == null ? null : ScenarioCells.of(e);
            rebuild();
        });
        selected.addListener((o, a, b) -> explain());
        rebuild();
    }

    public ObjectProperty<Arch> archProperty() {
        return arch;
    }

    /** HCR_EL2.FWB of the arm64 grid. */
    public BooleanProperty fwbProperty() {
        return fwb;
    }

    /** The EPT IPAT bit of the Intel grid. */
    public BooleanProperty ipatProperty() {
        return ipat;
    }

    /** arm64: all 256 MAIR bytes (and, with FWB, the MemAttr[3] columns) instead of the common ones. */
    public BooleanProperty allRowsProperty() {
        return allRows;
    }

    /** The open scenario's evaluation, or null. */
    public ObjectProperty<Evaluation> evaluationProperty() {
        return evaluation;
    }

    public ReadOnlyObjectProperty<MemtypeGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public MemtypeGrid grid() {
        return grid.get();
    }

    public ObjectProperty<ScenarioCells.Key> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public GridCell selectedCell() {
        ScenarioCells.Key k = selected.get();
        return k == null || grid.get() == null ? null : grid.get().cell(k.row(), k.column());
    }

    private boolean switchOn() {
        return arch.get() == Arch.X86_INTEL ? ipat.get() : fwb.get();
    }

    /** The cells the open scenario lands in under this grid's arch and switch (none for another arch). */
    public Map<ScenarioCells.Key, List<Ref.GpaRange>> scenarioCells() {
        if (scenarioCells == null || scenarioCells.arch() != arch.get()) {
            return Map.of();
        }
        return scenarioCells.cells(switchOn());
    }

    /** The scenario's ranges in the selected cell. */
    public List<Ref.GpaRange> selectedRanges() {
        ScenarioCells.Key k = selected.get();
        return k == null ? List.of() : scenarioCells().getOrDefault(k, List.of());
    }

    /**
     * Opens the cell of the effective range at {@code gpa}: the scenario's arch, the switch its entry
     * needs (Intel IPAT; arm64 keeps the FWB switch shown, else the host's), and that cell selected.
     * False when the GPA has no effective type.
     */
    public boolean openCellAt(long gpa) {
        Evaluation e = evaluation.get();
        if (e == null || scenarioCells == null) {
            return false;
        }
        Arch a = e.scenario().host().arch();
        // arm64: the range has a cell with and without FWB, so a switch the user set is kept; Intel: its
        // entry's IPAT bit decides the grid it lands in.
        boolean on = a == Arch.X86_INTEL ? scenarioCells.cellAt(true, gpa) != null
                : arch.get() == a ? fwb.get() : e.scenario().host().has(CpuFeature.FWB);
        ScenarioCells.Key k = scenarioCells.cellAt(on, gpa);
        if (k == null) {
            return false;
        }
        arch.set(a);
        if (a == Arch.X86_INTEL) {
            ipat.set(on);
        } else if (a == Arch.ARM64) {
            fwb.set(on);
        }
        selected.set(null);
        selected.set(k);
        return true;
    }

    private void rebuild() {
        Set<String> extra = scenarioCells == null || scenarioCells.arch() != arch.get() ? Set.of() : scenarioCells.rows();
        grid.set(MemtypeGrid.of(arch.get(), switchOn(), allRows.get(), extra));
        explain();
    }

    private void explain() {
        GridCell c = selectedCell();
        if (c == null) {
            explanation.set("Click a cell: its result, the rule that decides it, and why it is marked.");
            return;
        }
        List<Ref.GpaRange> ranges = selectedRanges();
        String where = ranges.isEmpty() ? "" : "\nThe open scenario has " + ranges.size() + " range" + (ranges.size() == 1 ? "" : "s")
                + " here (selected in the main window; listed on the right).";
        explanation.set(c.explanation() + where);
    }
}
