package org.stage2scope.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the real command tree with captured streams; verbs built with seams replace the defaults. */
record CliRun(int code, String out, String err, List<Path> opened) {

    static CliRun run(String... args) {
        return with().args(args);
    }

    static Builder with(Verb... verbs) {
        return new Builder(verbs);
    }

    static final class Builder {
        private final Verb[] verbs;

        private Builder(Verb[] verbs) {
            this.verbs = verbs;
        }

        CliRun args(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            List<Path> opened = new ArrayList<>();
            int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), opened::add, Cli.factoryWith(verbs));
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), opened);
        }
    }
}
