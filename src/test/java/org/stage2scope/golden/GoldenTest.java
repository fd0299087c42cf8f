package org.stage2scope.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The golden check itself: a difference fails, and an update run rewrites the file but fails too. */
class GoldenTest {
    @TempDir
    Path dir;

    @Test
    void aDifferenceFailsAndNamesTheFile() throws Exception {
        Path golden = dir.resolve("a.txt");
        Files.writeString(golden, "old");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Golden.check(golden, "new", false));
        assertTrue(e.getMessage().contains("a.txt"), e.getMessage());
        assertEquals("old", Files.readString(golden));
    }

    @Test
    void anUpdateRewritesTheGoldenAndStillFails() throws Exception {
        Path golden = dir.resolve("sub/b.txt");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Golden.check(golden, "fresh", true));
        assertTrue(e.getMessage().contains("goldens rewritten, review the diff"), e.getMessage());
        assertEquals("fresh", Files.readString(golden));
        Golden.check(golden, "fresh", true); // once equal, the update run passes: nothing left to review
    }

    @Test
    void aMissingGoldenFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Golden.check(dir.resolve("none.txt"), "x", false));
        assertTrue(e.getMessage().contains("no golden"), e.getMessage());
    }
}
