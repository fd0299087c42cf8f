package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.engine.EffectiveRun;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Stage2Run;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At a 1600 x 1000 window the inspector shows every row whole, for every selection of several samples:
 * each control lies inside the inspector's visible width and the window, no two overlap, and no name,
 * title, flag or button is cut short (a long VMA name used to push every field past the right edge, and
 * IGNORE_GUEST_PAT read "IGNORE_GUEST_...").
 */
@ExtendWith(ApplicationExtension.class)
class InspectorFitTest {
    private static final List<String> SAMPLES = List.of("grace-hopper-fwb.json", "x86-intel-quirk.json",
            "vfio-bar-allow-uncached-exec.json", "memslot-overlap-misaligned.json");
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, new ArrayList<>());
        window.openDefault();
        stage.setWidth(1600);
        stage.setHeight(1000);
        window.show();
    }

    private static List<Ref> selections(Evaluation ev) {
        List<Ref> out = new ArrayList<>(List.of(Ref.NONE));
        for (int i = 0; i < ev.scenario().vmas().size(); i++) {
            out.add(new Ref.Vma(i));
        }
        for (int i = 0; i < ev.scenario().memslots().size(); i++) {
            out.add(new Ref.MemslotCall(i));
        }
        for (int i = 0; i < ev.scenario().guest().accesses().size(); i++) {
            out.add(new Ref.Access(i));
        }
        for (Stage2Run r : ev.stage2()) {
            out.add(new Ref.GpaRange(r.gpa(), r.size()));
        }
        for (EffectiveRun e : ev.effective()) {
            out.add(new Ref.GpaRange(e.gpa(), e.size()));
        }
        return out;
    }

    /** The words a labeled control draws now (its skin's text node; a cut one ends in "..."). */
    private static String shown(Labeled l) {
        Node t = l instanceof TitledPane tp ? tp.lookup(".title .text") : l.lookup(".text");
        return t instanceof Text text ? text.getText() : "";
    }

    @Test
    void everyInspectorControlFitsInsideTheWindowAt1600By1000(FxRobot robot) {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String sample : SAMPLES) {
            robot.interact(() -> window.openSample(sample));
            List<Ref> refs = selections(window.document().evaluation());
            for (Ref ref : refs) {
                robot.interact(() -> window.viewModel().select(ref));
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> { });
                int[] n = {0};
                robot.interact(() -> n[0] = check(sample + " " + ref, problems));
                checked += n[0];
            }
        }
        assertTrue(checked > 500, "controls checked: " + checked);
        assertEquals(List.of(), problems);
    }

    private int check(String where, List<String> problems) {
        Node inspector = window.fxScene().lookup("#inspector");
        Node viewport = inspector.lookup(".viewport");
        Bounds visible = viewport.localToScene(viewport.getLayoutBounds());
        double right = Math.min(visible.getMaxX(), window.fxScene().getWidth());
        List<Node> controls = new ArrayList<>();
        for (Node n : inspector.lookupAll("*")) {
            Class<?> c = n.getClass();
            if (c == Label.class || c == TextField.class || c == ComboBox.class || c == CheckBox.class || c == Button.class
                    || c == TitledPane.class) {
                controls.add(n);
            }
        }
        for (Node n : controls) {
            Bounds b = n.localToScene(n.getLayoutBounds());
            String name = n.getClass().getSimpleName() + (n.getId() == null ? "" : " " + n.getId())
                    + (n instanceof Labeled l ? " '" + l.getText() + "'" : "");
            if (b.getMinX() < visible.getMinX() - 0.5 || b.getMaxX() > right + 0.5) {
                problems.add(where + ": " + name + " spans x " + b.getMinX() + ".." + b.getMaxX() + ", visible to " + right);
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().equals(shown(l))) {
                problems.add(where + ": " + name + " shows '" + shown(l) + "'");
            }
        }
        for (int i = 0; i < controls.size(); i++) {
            for (int j = i + 1; j < controls.size(); j++) {
                Node a = controls.get(i);
                Node b = controls.get(j);
                if (a instanceof TitledPane || b instanceof TitledPane) {
                    continue; // a group holds its rows
                }
                Bounds ba = a.localToScene(a.getLayoutBounds());
                Bounds bb = b.localToScene(b.getLayoutBounds());
                double w = Math.min(ba.getMaxX(), bb.getMaxX()) - Math.max(ba.getMinX(), bb.getMinX());
                double h = Math.min(ba.getMaxY(), bb.getMaxY()) - Math.max(ba.getMinY(), bb.getMinY());
                if (w > 1 && h > 1) {
                    problems.add(where + ": " + a.getId() + " and " + b.getId() + " overlap");
                }
            }
        }
        return controls.size();
    }
}
