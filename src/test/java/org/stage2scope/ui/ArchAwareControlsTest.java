package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.model.Arch;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.X86Quirk;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The controls follow the host's arch (issue 8 §7): on x86 the policy cannot be chosen and says why
 * without hovering, on arm64 it works; the Intel-only IGNORE_GUEST_PAT quirk is offered on Intel and
 * nowhere on AMD. Checked on the real window, as drawn.
 */
@ExtendWith(ApplicationExtension.class)
class ArchAwareControlsTest {
    private MainWindow window;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        window = TestWindows.open(stage, errors, new ScenarioDocument());
        window.openDefault();
        stage.setWidth(1600);
        stage.setHeight(1000);
        window.show();
    }

    /**
     * What a combo box's button shows: the cell in the scene graph as it is (asking the skin for its display
     * node would refresh it first, hiding a stale face).
     */
    private static String shown(FxRobot robot, String query) {
        ComboBox<?> c = robot.lookup(query).queryComboBox();
        // The button cell is the combo's own child (the skin also keeps a list view whose cells hold no value).
        Node cell = c.getChildrenUnmodifiable().stream().filter(n -> n instanceof ListCell<?>).findFirst().orElse(null);
        assertTrue(cell instanceof ListCell<?>, query + " has a button cell");
        return ((ListCell<?>) cell).getText();
    }

    @Test
    void onIntelAndAmdThePolicyIsDisabledAndSaysWhyWithoutHovering(FxRobot robot) {
        for (String sample : List.of("x86-intel-quirk.json", "x86-amd-guest-uc.json")) {
            robot.interact(() -> window.openSample(sample));
            ComboBox<?> tb = robot.lookup("#tb-policy").queryComboBox();
            assertTrue(tb.isDisabled(), sample + ": the toolbar policy is disabled");
            assertEquals("none on x86", shown(robot, "#tb-policy"), sample);
            Labeled why = robot.lookup("#tb-policy-why").queryLabeled();
            assertTrue(why.isVisible() && why.getScene() != null, sample + ": the reason is on the toolbar");
            assertEquals("every proposal reduces to what x86 already does", why.getText());
            assertTrue(why.getTooltip().getText().contains("so the policy has no effect"), why.getTooltip().getText());
            assertTrue(tb.getTooltip().getText().startsWith("x86: every proposal reduces"), tb.getTooltip().getText());

            ComboBox<?> row = robot.lookup("#prop-policy").queryComboBox();
            assertTrue(row.isDisabled(), sample + ": the inspector's policy is disabled");
            assertTrue(row.getItems().isEmpty(), "nothing to choose from");
            assertEquals("none on x86", shown(robot, "#prop-policy"));
            Label note = robot.lookup("#prop-policy-why").queryAs(Label.class);
            assertEquals("every proposal reduces to what x86 already does", note.getText());
            assertTrue(note.isVisible() && note.getWidth() > 0, "the inspector's reason is laid out");
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void onArm64ThePolicyIsChosenFromTheToolbarAndTheInspector(FxRobot robot) {
        ComboBox<PolicyId> tb = robot.lookup("#tb-policy").queryComboBox();
        assertFalse(tb.isDisabled());
        assertEquals(PolicyId.UPSTREAM.id(), shown(robot, "#tb-policy"));
        assertFalse(robot.lookup("#tb-policy-why").queryLabeled().isVisible(), "no x86 reason on arm64");
        assertTrue(robot.lookup("#prop-policy-why").tryQuery().isEmpty(), "no x86 note in the inspector");
        PolicyId other = PolicyId.values()[PolicyId.values().length - 1];
        robot.interact(() -> tb.setValue(other));
        assertEquals(other, window.document().scenario().vm().policy(), "the toolbar chose it");
        ComboBox<?> row = robot.lookup("#prop-policy").queryComboBox();
        assertFalse(row.isDisabled());
        assertEquals(List.of(PolicyId.values()), List.copyOf(row.getItems()));
        assertEquals(other.id(), shown(robot, "#prop-policy"), "the inspector follows");

        // Switching to x86 and back restores a working control showing the scenario's policy.
        ComboBox<Arch> arch = robot.lookup("#tb-arch").queryComboBox();
        robot.interact(() -> arch.setValue(Arch.X86_INTEL));
        assertTrue(tb.isDisabled());
        assertEquals(other, window.document().scenario().vm().policy(), "showing nothing on x86 is no edit");
        robot.interact(() -> arch.setValue(Arch.ARM64));
        assertFalse(tb.isDisabled());
        assertEquals(other.id(), shown(robot, "#tb-policy"));
    }

    @Test
    void ignoreGuestPatIsOfferedOnIntelAndNowhereOnAmd(FxRobot robot) {
        robot.interact(() -> window.openSample("x86-intel-quirk.json"));
        Labeled quirk = robot.lookup("#prop-IGNORE_GUEST_PAT").queryLabeled();
        assertFalse(quirk.isDisabled(), "Intel: the quirk can be cleared");
        robot.interact(((javafx.scene.control.CheckBox) quirk)::fire);
        assertFalse(window.document().scenario().vm().has(X86Quirk.IGNORE_GUEST_PAT), "ticking it off cleared it");

        robot.interact(() -> window.openSample("x86-amd-guest-uc.json"));
        assertTrue(robot.lookup("#prop-IGNORE_GUEST_PAT").tryQuery().isEmpty(), "AMD: no quirk row");
        List<String> offered = new ArrayList<>();
        robot.interact(() -> collect(window.fxScene().getRoot(), offered));
        assertEquals(List.of(), offered, "AMD: no control or menu item offers the Intel-only quirk");
    }

    /**
     * Every control and menu item naming the quirk, except File > Open sample, whose titles name
     * samples (one of them is the Intel quirk sample).
     */
    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null && l.getText().contains("IGNORE_GUEST_PAT")) {
            out.add(l.getClass().getSimpleName() + " " + l.getText());
        }
        if (n instanceof MenuBar b) {
            for (Menu m : b.getMenus()) {
                menu(m, out);
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    private static void menu(Menu m, List<String> out) {
        if ("menu-samples".equals(m.getId())) {
            return;
        }
        for (MenuItem i : m.getItems()) {
            if (i.getText() != null && i.getText().contains("IGNORE_GUEST_PAT")) {
                out.add("menu item " + i.getText());
            }
            if (i instanceof Menu sub) {
                menu(sub, out);
            }
        }
    }

    @Test
    void theScenarioKeepsItsPolicyOnX86AndOpeningIsNoEdit(FxRobot robot) {
        robot.interact(() -> window.openSample("x86-intel-quirk.json"));
        assertEquals(window.document().scenario().vm().policy(), robot.lookup("#tb-policy").queryComboBox().getValue());
        assertFalse(window.document().canUndoProperty().get(), "opening the sample made no edit");
    }
}
