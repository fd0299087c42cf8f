package org.stage2scope.ui;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every window and dialog is made by {@link AppWindows}, which gives it the stylesheet and the dark theme:
 * a class that built its own Stage, Scene or Dialog would come up light in a dark app (the memory-type
 * explorer and the Keys dialog did).
 */
class WindowsMadeInOnePlaceTest {
    @Test
    void onlyAppWindowsConstructsStagesScenesAndDialogs() {
        var ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stage2scope.ui");
        noClasses().that().resideInAPackage("org.stage2scope.ui..").and().doNotHaveSimpleName("AppWindows")
                .should().callConstructorWhere(target(owner(assignableTo(javafx.stage.Stage.class)
                        .or(assignableTo(javafx.scene.Scene.class))
                        .or(assignableTo(javafx.scene.control.Dialog.class)))))
                .because("AppWindows styles every window and keeps it in the theme (docs/ui.md, Dark theme)")
                .check(ui);
    }
}
