package org.stage2scope.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One golden-file check for every pinned output (reports, SVG pictures, documents).
 *
 * <p>Normal runs compare. With {@code -Dgolden.update=true} a differing or missing golden is
 * rewritten and the check still FAILS with "goldens rewritten, review the diff", so an update can
 * never pass green: the author reviews {@code git diff src/test/resources/golden}, commits, and
 * runs the build again without the flag.
 */
public final class Golden {
    public static final Path ROOT = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {}

    /** Compares {@code actual} with the golden at {@code ROOT/relative}; see the class comment for updates. */
    public static void assertMatches(String relative, String actual) {
        check(ROOT.resolve(relative), actual, UPDATE);
    }

    static void check(Path golden, String actual, boolean update) {
        String expected = read(golden);
        if (actual.equals(expected)) {
            return;
        }
        if (update) {
            write(golden, actual);
            fail("goldens rewritten, review the diff: " + golden + " (run again without -Dgolden.update to pass)");
        }
        if (expected == null) {
            fail("no golden " + golden + "; generate it with mvn -q verify -Dgolden.update=true and review it");
        }
        assertEquals(expected, actual, golden + " changed; if intended, re-run with -Dgolden.update=true and review the diff");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
