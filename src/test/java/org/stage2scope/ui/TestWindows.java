package org.stage2scope.ui;

import org.testfx.api.FxRobot;

import java.util.List;
import javafx.stage.Stage;

/**
 * The window under test: dialogs scripted (errors collected, "save changes?" answered Discard), recent
 * files and the last folder kept in memory (never the user's own).
 */
final class TestWindows {
    private TestWindows() {}

    static MainWindow open(Stage stage, List<String> errors) {
        return open(stage, errors, new ScenarioDocument());
    }

    static MainWindow open(Stage stage, List<String> errors, ScenarioDocument doc) {
        return open(stage, new ScriptedDialogs(errors), doc);
    }

    static MainWindow open(Stage stage, ScriptedDialogs dialogs, ScenarioDocument doc) {
        MainWindow window = new MainWindow(doc, stage);
        window.setDialogs(dialogs);
        window.setPreferences(new MemoryPreferences());
        return window;
    }

    /** Waits (without a timed assertion) until the probe or replay handed its result to the window. */
    static void awaitKernel(FxRobot robot, MainWindow window) throws InterruptedException {
        boolean[] pending = {true};
        for (int i = 0; i < 1000 && pending[0]; i++) {
            robot.interact(() -> pending[0] = window.hostActions().pending());
            if (pending[0]) {
                Thread.sleep(10);
            }
        }
        org.junit.jupiter.api.Assertions.assertFalse(pending[0], "the kernel work delivered its result");
    }

    static final long G = 1L << 30;
    static final long RAM = 0x7f00_0000_0000L;

    /** Ok, overlap (EEXIST), misaligned GPA (EINVAL), delete: an x86 AMD host {@code host.FakeKernel} can replay. */
    static org.stage2scope.model.Scenario fourCalls(String name) {
        var host = new org.stage2scope.model.Host(org.stage2scope.model.Arch.X86_AMD, org.stage2scope.model.Granule.G4K, 47,
                java.util.Set.of());
        var vm = new org.stage2scope.model.Vm(48, false, org.stage2scope.model.PolicyId.UPSTREAM,
                java.util.Set.of(org.stage2scope.model.X86Quirk.IGNORE_GUEST_PAT), false);
        var ram = new org.stage2scope.model.Vma("ram", RAM, 4 * G, org.stage2scope.model.Perms.RW_SHARED, java.util.Set.of(),
                org.stage2scope.model.MemType.WB, org.stage2scope.model.Backing.ram(4096));
        return new org.stage2scope.model.Scenario(name, "", host, vm, List.of(ram), List.of(
                new org.stage2scope.model.MemslotCall(0, 0, 0, 2 * G, RAM, java.util.Set.of(), 0, ""),
                new org.stage2scope.model.MemslotCall(1, 0, G, G, RAM + 2 * G, java.util.Set.of(), 0, ""),
                new org.stage2scope.model.MemslotCall(2, 0, 0x1001, 0x1000, RAM + 3 * G, java.util.Set.of(), 0, ""),
                new org.stage2scope.model.MemslotCall(0, 0, 0, 0, 0, java.util.Set.of(), 0, "")),
                org.stage2scope.model.Guest.EMPTY);
    }
}
