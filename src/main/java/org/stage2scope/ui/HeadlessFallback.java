package org.stage2scope.ui;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.SampleCatalog;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.model.Scenario;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.report.ReportText;

/**
 * What the app does when started where no window can open: report and picture of the default
 * scenario, written without touching the JavaFX toolkit (no JavaFX import in this class).
 */
public final class HeadlessFallback {
    private HeadlessFallback() {}

    /** True when a window can be shown: a display variable on Linux/BSD, and AWT not forced headless. */
    public static boolean hasDisplay(Map<String, String> env, Properties props) {
        if ("true".equalsIgnoreCase(props.getProperty("java.awt.headless"))) {
            return false;
        }
        String os = props.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        return notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** File name of the fallback picture for a scenario file name: "stage2scope-grace-hopper-fwb.png". */
    public static String pictureName(String scenarioFile) {
        String base = scenarioFile.endsWith(".json") ? scenarioFile.substring(0, scenarioFile.length() - 5) : scenarioFile;
        return "stage2scope-" + base.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    /**
     * Prints the no-display sentence, the default scenario's text report and the picture path.
     *
     * @return the process exit code: 0 on success, 1 when the default scenario cannot be loaded or drawn
     */
    public static int run(Path outDir, PrintStream out) {
        out.println("No display found (DISPLAY and WAYLAND_DISPLAY are unset), so Stage2Scope cannot open its window;"
                + " here is the default scenario instead.");
        Scenario scenario;
        try {
            scenario = SampleCatalog.load(SampleCatalog.DEFAULT);
        } catch (ScenarioException e) {
            out.println("stage2scope: cannot load the default scenario: " + e.getMessage());
            return 1;
        }
        try {
            return write(Evaluator.evaluate(scenario), SampleCatalog.DEFAULT, outDir, out);
        } catch (RuntimeException e) {
            out.println("stage2scope: cannot evaluate the default scenario: " + e.getMessage());
            return 1;
        }
    }

    /** The same for a scenario file named on the command line (already checked to load). */
    public static int run(Path outDir, PrintStream out, Path scenarioFile) {
        out.println("No display found (DISPLAY and WAYLAND_DISPLAY are unset), so Stage2Scope cannot open its window;"
                + " here is " + scenarioFile + " instead.");
        try {
            Scenario scenario = org.stage2scope.io.ScenarioReader.read(scenarioFile);
            return write(Evaluator.evaluate(scenario), String.valueOf(scenarioFile.getFileName()), outDir, out);
        } catch (ScenarioException e) {
            out.println(e.getMessage());
            return 2;
        }
    }

    /** Report plus picture for one evaluation. */
    static int write(Evaluation ev, String scenarioFile, Path outDir, PrintStream out) {
        out.println();
        out.print(ReportText.render(ev));
        out.println();
        Path png = outDir.resolve(pictureName(scenarioFile)).toAbsolutePath().normalize();
        try {
            PngPainter.write(Picture.of(ev), 1, png);
        } catch (java.io.IOException | RuntimeException e) {
            out.println("stage2scope: cannot write the picture " + png + ": " + e.getMessage());
            return 1;
        }
        out.println("Picture of the address space written to " + png);
        out.println("For the interactive window, run it in a desktop session, or under a virtual display:"
                + " xvfb-run mvn -q javafx:run  (or xvfb-run java -jar target/stage2scope.jar)");
        return 0;
    }
}
