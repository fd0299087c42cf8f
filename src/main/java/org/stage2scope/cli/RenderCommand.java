package org.stage2scope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.model.Scenario;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.render.AddressRange;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * {@code render FILE -o OUT.png|OUT.svg [--policy ID] [--scale 1|2] [--theme light|dark|presentation]}:
 * the app's export picture without a window, so design-review slides can be rebuilt from scenario
 * files by a script. Same exit codes as {@code check}.
 */
final class RenderCommand {
    static final String USAGE = "usage: stage2scope render FILE -o OUT.png|OUT.svg [--policy ID] [--scale 1|2] [--theme light|dark|presentation]"
            + " [--gpa START-END | --hva START-END]";

    private RenderCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        List<String> normalized = args.stream().map(a -> a.equals("-o") ? "--output" : a).toList();
        CheckCommand.Options o = CheckCommand.Options.parse(normalized, Set.of("--output", "--policy", "--scale", "--theme", "--gpa", "--hva"), USAGE, err);
        if (o == null) {
            return 1;
        }
        if (!o.has("--output")) {
            return o.usageError("missing -o OUT.png or OUT.svg");
        }
        Path target = Path.of(o.value("--output", ""));
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) {
            return o.usageError("-o " + target + ": expected a file name ending in .png or .svg");
        }
        String scaleText = o.value("--scale", "1");
        if (!scaleText.equals("1") && !scaleText.equals("2")) {
            return o.usageError("unknown scale \"" + scaleText + "\"; expected 1 or 2");
        }
        Theme theme = switch (o.value("--theme", "light")) {
            case "light" -> Theme.light();
            case "dark" -> Theme.dark();
            case "presentation" -> Theme.presentation(false);
            default -> null;
        };
        if (theme == null) {
            return o.usageError("unknown theme \"" + o.value("--theme", "") + "\"; expected light, dark or presentation");
        }
        if (o.has("--gpa") && o.has("--hva")) {
            return o.usageError("--gpa and --hva both frame the view; give one of them");
        }
        AddressRange range;
        try {
            range = o.has("--gpa") ? AddressRange.parse(o.value("--gpa", ""))
                    : o.has("--hva") ? AddressRange.parse(o.value("--hva", "")) : null;
        } catch (IllegalArgumentException e) {
            return o.usageError((o.has("--gpa") ? "--gpa " : "--hva ") + e.getMessage());
        }
        if (!o.policyValid()) {
            return 1;
        }
        Scenario scenario = o.load();
        if (scenario == null) {
            return 2;
        }
        Evaluation ev = Evaluator.evaluate(scenario, o.policy(scenario));
        Layout layout = Layout.of(ev);
        View view = View.ALL;
        if (range != null && o.has("--gpa")) {
            view = layout.gpaView(range.first(), range.last());
        } else if (range != null) {
            view = layout.gpaViewOfHva(range.first(), range.last());
            if (view == null) {
                return o.usageError("--hva " + o.value("--hva", "") + ": no accepted memslot maps any of this host range");
            }
        }
        // The same picture as the window's "Export visible part" of this view.
        Scene scene = Picture.of(layout, theme, view, Picture.EXPORT_WIDTH, null);
        try {
            if (svg) {
                String text = SvgPainter.paint(scene);
                AtomicFile.write(target, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                PngPainter.write(scene, Integer.parseInt(scaleText), target);
            }
        } catch (IOException e) {
            err.println("stage2scope: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        out.println(target.toAbsolutePath().normalize());
        return 0;
    }
}
