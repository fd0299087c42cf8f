package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A bug report needs the version: {@code --version} prints the pom's, filled in at build time, and exits 0. */
class VersionTest {
    @Test
    void versionIsThePomsAndTheJavaItRunsOn() throws Exception {
        Matcher m = Pattern.compile("<artifactId>stage2scope</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml has the project's version");
        for (String flag : new String[] {"--version", "-V"}) {
            CliRun r = CliRun.run(flag);
            assertEquals(0, r.code(), r.err());
            assertEquals("stage2scope " + m.group(1), r.out().lines().findFirst().orElse(""));
            assertTrue(r.out().contains("Java " + System.getProperty("java.version")), r.out());
            assertEquals("", r.err());
        }
    }
}
