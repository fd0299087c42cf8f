package org.stage2scope.render;

import java.nio.file.Files;
import java.nio.file.Path;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.Sample;
import org.stage2scope.io.SampleCatalog;

/** Writes every sample's export picture as PNG for eyeballing: {@code SampleShots DIR}. Not a test. */
public final class SampleShots {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (Sample s : SampleCatalog.list()) {
            var ev = Evaluator.evaluate(SampleCatalog.load(s.fileName()));
            String base = s.fileName().replace(".json", "");
            PngPainter.write(Picture.of(ev), 1, dir.resolve(base + ".fit.png"));
            PngPainter.write(Picture.of(ev, Theme.light(), new View(0.2, 0.45), Picture.EXPORT_WIDTH), 1,
                    dir.resolve(base + ".zoom1.png"));
            PngPainter.write(Picture.of(ev, Theme.light(), new View(0.55, 0.6), Picture.EXPORT_WIDTH), 1,
                    dir.resolve(base + ".zoom2.png"));
        }
    }
}
