package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 item 10: a name from a file never reaches the terminal as a raw control sequence. */
class ControlCharsTest {
    /** Retitles an xterm and clears the screen when printed raw. */
    private static final String HOSTILE = "\\u001b]0;PWNED\\u0007\\u001b[2J";
    private static final String SHOWN = "\\x1b]0;PWNED\\x07\\x1b[2J";

    private static boolean raw(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t');
    }

    @Test
    void textReportsAndErrorsEscapeControlCharacters(@TempDir Path dir) throws Exception {
        String json = Files.readString(Path.of("samples/vfio-bar-device.json"));
        Path named = Files.writeString(dir.resolve("named.json"), json.replaceFirst("\"name\": \"[^\"]*\"", java.util.regex.Matcher.quoteReplacement("\"name\": \"" + HOSTILE + "\"")));
        for (String command : new String[] {"check", "compare"}) {
            CliRun r = CliRun.run(command, named.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains(SHOWN), r.out());
            assertFalse(raw(r.out()), command + " printed a raw control character");
        }
        CliRun json1 = CliRun.run("check", named.toString(), "--format", "json");
        assertTrue(json1.out().contains(HOSTILE), "JSON output stays JSON-escaped");

        Path bad = Files.writeString(dir.resolve("bad.json"), json.replaceFirst("\"policy\": \"[^\"]*\"", java.util.regex.Matcher.quoteReplacement("\"policy\": \"" + HOSTILE + "\"")));
        CliRun err = CliRun.run("check", bad.toString());
        assertEquals(2, err.code());
        assertTrue(err.err().contains(SHOWN), err.err());
        assertFalse(raw(err.err()));
    }
}
