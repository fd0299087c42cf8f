package org.stage2scope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.io.IoCause;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.render.AddressRange;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Picture;
import org.stage2scope.render.PngPainter;
import org.stage2scope.render.Scene;
import org.stage2scope.render.SvgPainter;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code render FILE -o OUT.png|OUT.svg}: the app's export picture without a window, so
 * design-review slides can be rebuilt from scenario files by a script.
 */
@Command(name = "render", description = "The band picture the app exports, without a window (PNG or SVG).")
final class RenderCommand extends Verb {
    @Parameters(paramLabel = "FILE", description = "The scenario (JSON), or - for standard input.")
    String file;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png|OUT.svg",
            description = "The picture to write; the format follows the extension.")
    String output;

    @Option(names = "--policy", paramLabel = "ID", converter = Choices.PolicyConverter.class,
            completionCandidates = Choices.Policies.class,
            description = "Evaluate under this policy instead of the scenario's vm.policy: ${COMPLETION-CANDIDATES}.")
    PolicyId policy;

    @Option(names = "--scale", paramLabel = "1|2", defaultValue = "1", description = "Pixel scale of a PNG: 1 (default) or 2.")
    int scale;

    @Option(names = "--theme", paramLabel = "light|dark|presentation", defaultValue = "light",
            description = "Colours: light (default), dark or presentation.")
    String theme;

    @Option(names = "--gpa", paramLabel = "START-END",
            description = "Draw only this guest-physical range (END is the last byte, or START+SIZE), "
                    + "the same picture as the window's Export visible part.")
    String gpa;

    @Option(names = "--hva", paramLabel = "START-END",
            description = "Draw the guest memory this host range backs through the memslots (END is the last byte, "
                    + "or START+SIZE).")
    String hva;

    @Override
    protected int run() throws Exception {
        Path target = PathArg.of(output);
        Path name = target.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        boolean svg = lower.endsWith(".svg");
        if (!svg && !lower.endsWith(".png")) {
            throw usage("-o " + output + ": expected a file name ending in .png or .svg");
        }
        if (scale != 1 && scale != 2) {
            throw usage("--scale " + scale + ": expected 1 or 2");
        }
        Theme colours = switch (theme) {
            case "light" -> Theme.light();
            case "dark" -> Theme.dark();
            case "presentation" -> Theme.presentation(false);
            default -> throw usage("--theme \"" + theme + "\": expected light, dark or presentation");
        };
        if (gpa != null && hva != null) {
            throw usage("--gpa and --hva both frame the view; give one of them");
        }
        AddressRange range = range(gpa != null ? "--gpa" : "--hva", gpa != null ? gpa : hva);
        Scenario scenario = ScenarioReader.read(PathArg.of(file));
        Evaluation ev = Evaluator.evaluate(scenario, policy != null ? policy : scenario.vm().policy());
        Layout.Framed framed = new Layout.Framed(Layout.of(ev), View.ALL);
        if (range != null && gpa != null) {
            framed = framed.layout().frame(range.first(), range.last());
        } else if (range != null) {
            framed = framed.layout().frameHva(range.first(), range.last());
            if (framed == null) {
                throw usage("--hva \"" + hva + "\": no accepted memslot maps any of this host range; expected a range"
                        + " inside a VMA that a memslot maps");
            }
        }
        // The same picture as the window's "Export visible part" of this view.
        Scene scene = Picture.of(framed.layout(), colours, framed.view(), Picture.EXPORT_WIDTH, null);
        try {
            if (svg) {
                String text = SvgPainter.paint(scene);
                AtomicFile.write(target, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                PngPainter.write(scene, scale, target);
            }
        } catch (IOException e) {
            throw new Refusal(output + ": cannot write: " + IoCause.describe(e));
        }
        out.println(target.toAbsolutePath().normalize());
        return Cli.OK;
    }

    /** The parsed range of {@code option}, or null when it was not given. */
    private AddressRange range(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return AddressRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + " " + e.getMessage());
        }
    }
}
