package org.stage2scope.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.stage2scope.io.ControlChars;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.qemu.ImportException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line, built on picocli.
 *
 * <h2>Adding a subcommand</h2>
 * <ol>
 *   <li>Write one class per verb: {@code @Command(name = "verb", description = "...")}, extending
 *       {@link Verb}; options and parameters are picocli annotations ({@code --x=y} and {@code --x y}
 *       both work, {@code --help} is inherited from the top-level command).</li>
 *   <li>Register it in {@link Stage2ScopeCommand}'s {@code subcommands} list: the only place.</li>
 *   <li>In {@link Verb#run()}: results to {@code out}, notes to {@code err}; bad input is
 *       {@code throw new Refusal("file:line: what is wrong; expected ...")} (or a
 *       {@code ScenarioException}/{@code ImportException}); a bad option combination is
 *       {@code throw usage("one sentence")}. Never catch-and-print yourself.</li>
 * </ol>
 *
 * <h2>Exit codes (the same for every command)</h2>
 * 0 done; 2 bad input, a usage error, or output that could not be written (one sentence on stderr);
 * 3 reserved for {@code replay}, when the kernel disagrees with the model, and 4 when it could replay
 * nothing on this host (no /dev/kvm; kselftest's "skip"); 1 only for a bug in
 * Stage2Scope (an unexpected exception, reported in one line; set {@code STAGE2SCOPE_TRACE=1} for
 * its stack trace).
 */
public final class Cli {
    private Cli() {}

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int REPLAY_DISAGREES = 3;

    /** Runs the command line; {@code stage2scope FILE.json} is refused (this entry has no window). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, file -> {
            throw new Refusal(file + ": opening a file in the window needs the desktop app (stage2scope FILE.json)");
        });
    }

    /**
     * Runs the command line; {@code stage2scope FILE.json} hands the (already validated) file to
     * {@code openWindow}. Returns the exit code; never throws, never prints a stack trace.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Consumer<Path> openWindow) {
        return run(args, out, err, openWindow, CommandLine.defaultFactory());
    }

    /** Runs the command tree; tests pass a {@code factory} that supplies verbs built with seams. */
    static int run(String[] args, PrintStream out, PrintStream err, Consumer<Path> openWindow, CommandLine.IFactory factory) {
        try {
            CommandLine cl = build(new Stage2ScopeCommand(openWindow), factory, out, err);
            int code = cl.execute(args);
            return checkOutput(cl, out, err, code);
        } catch (RuntimeException e) { // a broken command definition: still one line, never a trace
            return internalError("stage2scope", e, err);
        }
    }

    /** A factory that hands out {@code verbs} for their classes and builds every other command as usual. */
    static CommandLine.IFactory factoryWith(Verb... verbs) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                for (Verb v : verbs) {
                    if (cls == v.getClass()) {
                        return cls.cast(v);
                    }
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    /** The configured command tree. */
    private static CommandLine build(Object root, CommandLine.IFactory factory, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(root, factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex, err));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine, err));
        cl.setExecutionStrategy(parseResult -> {
            for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
                if (pr.commandSpec().userObject() instanceof Verb v) {
                    v.out = out;
                    v.err = err;
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /** One sentence naming the command, then where to read more; exit 2. */
    private static int usageError(ParameterException ex, PrintStream err) {
        CommandLine cl = ex.getCommandLine();
        String name = cl.getCommandSpec().qualifiedName();
        String message = ControlChars.escapeLine(lowerFirst(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        return BAD_INPUT;
    }

    /** picocli's "Missing required option" reads as the rest of our messages: "missing required option". */
    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private static int failure(Exception ex, CommandLine cl, PrintStream err) {
        if (ex instanceof ParameterException p) {
            return usageError(p, err);
        }
        if (ex instanceof Refusal || ex instanceof ScenarioException || ex instanceof ImportException) {
            // Named like a usage error ("stage2scope check: nosuch.json: no such file"), so a script running
            // several commands can tell which one refused.
            err.println(cl.getCommandSpec().qualifiedName() + ": " + ControlChars.escape(ex.getMessage()));
            return BAD_INPUT;
        }
        return internalError(cl.getCommandSpec().qualifiedName(), ex, err);
    }

    private static int internalError(String command, Exception ex, PrintStream err) {
        err.println(command + ": internal error (" + ControlChars.escapeLine(String.valueOf(ex))
                + "); please report it with the command line that caused it");
        if (System.getenv("STAGE2SCOPE_TRACE") != null) {
            ex.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    /** A write that failed (a full disk, a closed pipe) turns any exit code into 2, with its cause. */
    private static int checkOutput(CommandLine cl, PrintStream out, PrintStream err, int code) {
        cl.getOut().flush();
        out.flush();
        if (!out.checkError() && !cl.getOut().checkError()) {
            return code;
        }
        String cause = out instanceof CheckedPrintStream c && c.failure() != null ? c.failure() : "write error";
        err.println("stage2scope: cannot write to the standard output: " + cause);
        return BAD_INPUT;
    }
}
