package org.stage2scope.ui;

/** Entry for {@link UiShot} on the classpath (a main class extending Application needs the module path). */
public final class UiShotMain {
    public static void main(String[] args) {
        UiShot.main(args);
    }
}
