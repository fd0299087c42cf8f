package org.stage2scope.render;

import java.nio.file.Path;

/** Writes fixture pictures for eyeballing: {@code java -cp ... ShotTool out.png [refused]}. Not a test. */
public final class ShotTool {
    public static void main(String[] args) throws Exception {
        boolean refused = args.length > 1 && args[1].equals("refused");
        PngPainter.write(Picture.of(Fixtures.evaluation(refused)), 1, Path.of(args[0]));
    }
}
