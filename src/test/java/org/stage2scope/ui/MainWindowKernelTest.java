package org.stage2scope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.stage2scope.host.FakeKernel;
import org.stage2scope.host.Kernel;
import org.stage2scope.host.KvmAbi;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Backing;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Guest;
import org.stage2scope.model.Host;
import org.stage2scope.model.KvmCaps;
import org.stage2scope.model.MemType;
import org.stage2scope.model.MemslotCall;
import org.stage2scope.model.Perms;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;
import org.stage2scope.model.Vma;
import org.stage2scope.model.X86Quirk;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * File > New from this host and Tools > Verify against this kernel, driven through their menu items on
 * a kernel double (host.FakeKernel): what the new document holds, the status sentence, and the replay
 * table for a kernel that agrees, one that disagrees on one call, and a host without /dev/kvm.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowKernelTest {

    private MainWindow window;
    private ScriptedDialogs dialogs;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        dialogs = new ScriptedDialogs(errors);
        window = TestWindows.open(stage, dialogs, new ScenarioDocument());
        window.openDefault();
        window.show();
    }

    /** The menu item with this id, from the window's own menu bar, checked to sit in that menu. */
    private MenuItem menuItem(String menu, String id) {
        MenuBar bar = (MenuBar) ((VBox) ((BorderPane) window.fxScene().getRoot()).getTop()).getChildren().get(0);
        for (Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (("menu-" + id).equals(i.getId())) {
                    assertEquals(menu, m.getText(), id + " sits in the " + menu + " menu");
                    return i;
                }
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private String status(FxRobot robot) {
        return robot.lookup("#status").queryLabeled().getText();
    }

    @Test
    void newFromThisHostOpensTheProbedHostAsAnUnsavedDocumentAfterAskingOverUnsavedChanges(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        k.cpuinfo = "vendor_id\t: GenuineIntel\nflags\t\t: fpu vme sse2\naddress sizes\t: 46 bits physical, 57 bits virtual\n";
        k.caps.put(KvmAbi.KVM_CAP_NR_MEMSLOTS, 509L);
        k.caps.put(KvmAbi.KVM_CAP_MULTI_ADDRESS_SPACE, 1L);
        k.caps.put(KvmAbi.KVM_CAP_GUEST_MEMFD, 0L);
        robot.interact(() -> {
            window.setKernel(() -> k);
            window.viewModel().setFeature(CpuFeature.FWB, false); // unsaved work the new document would replace
        });
        assertTrue(window.document().isDirty());

        robot.interact(() -> menuItem("File", "new-from-host").fire());
        TestWindows.awaitKernel(robot, window);

        assertEquals(List.of("start a new scenario from this host"), dialogs.asked);
        Scenario s = window.document().scenario();
        assertEquals(Arch.X86_INTEL, s.host().arch());
        assertEquals(Granule.G4K, s.host().pageSize());
        assertEquals(56, s.host().vaBits(), "57 virtual bits: the user half is 56");
        assertEquals(Set.of(), s.host().features(), "no ss flag, so no self-snoop");
        assertEquals(new KvmCaps("6.18.0-fake", 509, 1, true, false), s.host().kvm());
        assertEquals(46, s.vm().ipaBits(), "MAXPHYADDR");
        assertTrue(s.vmas().isEmpty() && s.memslots().isEmpty() && s.guest().accesses().isEmpty());
        assertTrue(window.document().isDirty(), "a probed host belongs to no file until saved");
        assertNull(window.document().file());
        assertEquals("New scenario from this host (Linux 6.18.0-fake on x86-intel, not saved yet): every field was read "
                + "from this host.", status(robot));
        assertTrue(window.explanationArea().getText().contains("KVM_CAP_NR_MEMSLOTS:"), window.explanationArea().getText());
        assertTrue(k.openFds.isEmpty(), "the probe closed /dev/kvm and its scratch VM");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void withoutDevKvmNewFromThisHostStillOpensAndSaysWhichFieldsAreDefaults(FxRobot robot) throws Exception {
        FakeKernel k = FakeKernel.withoutKvm(Kernel.ENOENT);
        robot.interact(() -> window.setKernel(() -> k));
        robot.interact(() -> menuItem("File", "new-from-host").fire());
        TestWindows.awaitKernel(robot, window);

        Scenario s = window.document().scenario();
        assertEquals(Arch.X86_AMD, s.host().arch());
        assertEquals(47, s.host().vaBits());
        assertEquals(Set.of(CpuFeature.SELF_SNOOP), s.host().features(), "the fake's cpuinfo has the ss flag");
        assertEquals(KvmCaps.defaults(Arch.X86_AMD), s.host().kvm());
        String st = status(robot);
        assertTrue(st.startsWith("New scenario from this host (Linux 6.18.0-fake on x86-amd, not saved yet): /dev/kvm: "
                + "no such file (the kvm module is not loaded"), st);
        assertTrue(st.contains(", so these are documented defaults: host.kvm 32764 user slots, 2 address spaces, READONLY "
                + "and GUEST_MEMFD accepted"), st);
        assertTrue(window.explanationArea().getText().startsWith(st + "\n\nWhat this host reported"),
                "the whole sentence stays readable in the explanation panel");
        assertTrue(st.endsWith(".") && !st.matches(".*\\. +[A-Z].*") && !st.contains("\n"),
                "one sentence: " + st);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void cancellingTheSaveQuestionKeepsTheScenario(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        robot.interact(() -> {
            window.setKernel(() -> k);
            window.viewModel().setFeature(CpuFeature.FWB, false);
        });
        Scenario before = window.document().scenario();
        dialogs.saveChoices.add(DialogService.SaveChoice.CANCEL);
        robot.interact(() -> menuItem("File", "new-from-host").fire());
        TestWindows.awaitKernel(robot, window);
        assertSame(before, window.document().scenario());
        assertEquals("New from this host cancelled; the scenario stays.", status(robot));
    }

    private VerifyView verify(FxRobot robot, FakeKernel k) throws InterruptedException {
        robot.interact(() -> {
            window.setKernel(() -> k);
            window.document().load(TestWindows.fourCalls("four calls"), null);
        });
        robot.interact(() -> menuItem("Tools", "verify-kernel").fire());
        TestWindows.awaitKernel(robot, window);
        VerifyView v = window.hostActions().verifyView();
        assertTrue(v.stage().isShowing());
        return v;
    }

    private static List<String> verdicts(VerifyView v) {
        return v.table().getItems().stream().map(VerifyModel.Row::verdict).toList();
    }

    @Test
    void verifyOnAKernelThatAgreesShowsEveryCallAgreeing(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, Kernel.EEXIST, Kernel.EINVAL, 0));
        VerifyView v = verify(robot, k);
        assertEquals(List.of("agree", "agree", "agree", "agree"), verdicts(v));
        assertEquals(List.of("#", "slot", "GPA", "size", "HVA issued", "flags", "predicted", "kernel", "verdict",
                "why not reproduced"), v.columnTitles());
        assertEquals("EEXIST", v.table().getItems().get(1).cells().get(7), "the kernel's errno for the overlap");
        assertEquals("4 call(s): 4 issued, 4 agree, 0 DISAGREE, 0 not reproduced",
                robot.lookup("#verify-summary").queryLabeled().getText());
        assertEquals("", robot.lookup("#verify-problem").queryLabeled().getText());
        assertEquals("Replay of \"four calls\" on Linux 6.18.0-fake", robot.lookup("#verify-heading").queryLabeled().getText());
        assertEquals(4, k.regions.size(), "every call reached the kernel");
        assertTrue(k.openFds.isEmpty() && k.mapped.isEmpty(), "scratch VM closed and stand-ins unmapped");
        assertFalse(window.viewModel().busyProperty().get());
    }

    @Test
    void verifyOnAKernelThatDisagreesOnOneCallMarksThatRowAndTheSummary(FxRobot robot) throws Exception {
        FakeKernel k = new FakeKernel();
        k.regionAnswers.addAll(List.of(0, 0, Kernel.EINVAL, 0));
        VerifyView v = verify(robot, k);
        assertEquals(List.of("agree", "DISAGREE", "agree", "agree"), verdicts(v));
        VerifyModel.Row row = v.table().getItems().get(1);
        assertTrue(row.disagrees());
        var marked = v.table().lookupAll(".compare-differs").stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() != null)
                .map(n -> ((javafx.scene.control.TableRow<?>) n).getItem()).toList();
        assertEquals(List.of(row), marked, "only the disagreeing row is styled as differing");
        assertEquals("EEXIST", row.cells().get(6), "predicted");
        assertEquals("ok", row.cells().get(7), "the kernel accepted it");
        String summary = robot.lookup("#verify-summary").queryLabeled().getText();
        assertEquals("4 call(s): 4 issued, 3 agree, 1 DISAGREE, 0 not reproduced", summary);
        assertTrue(status(robot).contains("1 DISAGREE"), status(robot));

        robot.interact(() -> robot.lookup("#verify-copy").queryAs(Button.class).fire());
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertTrue(clip[0].startsWith("Replay of \"four calls\" on Linux 6.18.0-fake\n"), clip[0]);
        assertTrue(clip[0].lines().anyMatch(l -> l.startsWith("1 ") && l.endsWith("EEXIST     ok      DISAGREE")), clip[0]);
        assertTrue(clip[0].endsWith(summary + "\n"), clip[0]);
    }

    @Test
    void verifyWithoutDevKvmSaysItCouldNotRunAndShowsNoAgreement(FxRobot robot) throws Exception {
        VerifyView v = verify(robot, FakeKernel.withoutKvm(Kernel.ENOENT));
        assertEquals("Could not run: /dev/kvm: no such file (the kvm module is not loaded, or this is a container or "
                + "guest without KVM).", robot.lookup("#verify-problem").queryLabeled().getText());
        assertTrue(v.table().getItems().isEmpty(), "no row can look like agreement");
        String summary = robot.lookup("#verify-summary").queryLabeled().getText();
        assertEquals("Nothing ran on this kernel: none of the 4 call(s) was issued.", summary, "no count the empty table lacks");
        assertTrue(status(robot).startsWith("Verify against this kernel could not run: /dev/kvm: no such file"), status(robot));
    }

    @Test
    void aReplayRunsOffTheUiThreadAndCancelDropsItsResult(FxRobot robot) throws Exception {
        CountDownLatch kernelMayAnswer = new CountDownLatch(1);
        FakeKernel k = new FakeKernel();
        robot.interact(() -> {
            window.setKernel(() -> {
                try {
                    kernelMayAnswer.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // cancelled; the replay goes on and its result is dropped
                }
                return k;
            });
            window.document().load(TestWindows.fourCalls("four calls"), null);
            menuItem("Tools", "verify-kernel").fire();
        });
        VerifyView v = window.hostActions().verifyView();
        assertTrue(v.runningProperty().get(), "the replay waits for the kernel, not the window");
        assertTrue(window.viewModel().busyProperty().get(), "the status bar's busy indicator is on");
        assertTrue(robot.lookup("#verify-summary").queryLabeled().getText().startsWith("Issuing 4 memslot call(s)"));

        robot.interact(() -> robot.lookup("#verify-cancel").queryAs(Button.class).fire());
        assertFalse(v.runningProperty().get());
        assertFalse(window.viewModel().busyProperty().get());
        kernelMayAnswer.countDown();
        // Background work shares one worker thread, so a probe asked now is answered after the cancelled
        // replay has finished and posted its (dropped) result: once the probe is in, that result is too.
        robot.interact(() -> menuItem("File", "new-from-host").fire());
        TestWindows.awaitKernel(robot, window);
        assertEquals(4, k.regions.size(), "the cancelled replay did run to its end");
        assertNull(v.modelProperty().get(), "the cancelled replay's table never appears");
        assertTrue(robot.lookup("#verify-problem").queryLabeled().getText().startsWith("Cancelled"));
    }
}
