package org.stage2scope.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A path given on the command line; an empty or malformed one is refused with a sentence naming it. */
final class PathArg {
    private PathArg() {}

    static Path of(String text) {
        if (text.isEmpty()) {
            throw new Refusal("\"\" (an empty path): expected a file name");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Refusal(text + ": not a valid path: " + e.getReason());
        }
    }
}
