package org.stage2scope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's one-way data flow true in the code: scenario -> engine -> evaluation -> layout ->
 * painters, with JavaFX only in ui and files only where files are the job.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stage2scope");
    }

    @Test
    void modelAndEngineUseNeitherJavaFxNorFiles() {
        noClasses().that().resideInAnyPackage("org.stage2scope.model..", "org.stage2scope.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.io..", "java.nio.file..")
                .because("the engine is pure: a scenario in, an evaluation out (README, How it is built)")
                .check(main);
    }

    @Test
    void renderDrawsWithoutJavaFx() {
        noClasses().that().resideInAPackage("org.stage2scope.render..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("layout and the PNG/SVG painters run headless; only ui.FxPainter paints on a canvas")
                .check(main);
    }

    @Test
    void nothingButTheLauncherReachesIntoTheWindow() {
        noClasses().that().resideOutsideOfPackage("org.stage2scope.ui..")
                .and().doNotHaveFullyQualifiedName("org.stage2scope.Main")
                .should().dependOnClassesThat().resideInAPackage("org.stage2scope.ui..")
                .because("the window is the outermost layer: Main may launch it, nothing else may depend on it")
                .check(main);
    }

    @Test
    void theEngineNeverTalksToTheHost() {
        noClasses().that().resideInAnyPackage("org.stage2scope.engine..", "org.stage2scope.model..")
                .should().dependOnClassesThat().resideInAPackage("org.stage2scope.host..")
                .because("probe and replay produce facts the engine is given; the engine stays a pure simulation")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("org.stage2scope.(*)..")
                .should().beFreeOfCycles()
                .because("each layer is changed for one reason; a cycle (io used report, report used io) means"
                        + " neither can be built, tested or replaced without the other")
                .check(main);
    }
}
