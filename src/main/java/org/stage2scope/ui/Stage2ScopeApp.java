package org.stage2scope.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one main window on the scenario named on the command line, or the default sample. */
public final class Stage2ScopeApp extends Application {
    @Override
    public void start(Stage stage) {
        MainWindow w = new MainWindow(new ScenarioDocument(org.stage2scope.engine.Evaluator::evaluate, javafx.application.Platform::runLater), stage,
                getHostServices()::showDocument);
        java.util.List<String> files = getParameters().getRaw();
        if (files.size() != 1 || !w.openFile(java.nio.file.Path.of(files.get(0)))) {
            w.openDefault();
        }
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(1600, screen.getWidth() * 0.95));
        stage.setHeight(Math.min(1000, screen.getHeight() * 0.95));
        w.show();
    }
}
