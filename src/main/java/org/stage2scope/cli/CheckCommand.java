package org.stage2scope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Evaluator;
import org.stage2scope.io.ReportJson;
import org.stage2scope.io.ReportText;
import org.stage2scope.io.ScenarioException;
import org.stage2scope.io.ScenarioReader;
import org.stage2scope.model.Named;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;

/**
 * {@code check FILE [--policy ID] [--format text|json]}: evaluates one scenario. Exit 0 when it was
 * evaluated (whatever KVM would refuse), 1 on a usage error, 2 when the file cannot be loaded.
 */
final class CheckCommand {
    static final String USAGE = "usage: stage2scope check FILE [--policy ID] [--format text|json]";

    private CheckCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Evaluator::evaluate);
    }

    /** With the evaluator as a seam, so the command can be tested on hand-built evaluations. */
    static int run(List<String> args, PrintStream out, PrintStream err, BiFunction<Scenario, PolicyId, Evaluation> evaluator) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Options o = Options.parse(args, Set.of("--policy", "--format"), USAGE, err);
        if (o == null) {
            return 1;
        }
        String format = o.value("--format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            return o.usageError("unknown format \"" + format + "\"; expected text or json");
        }
        if (!o.policyValid()) {
            return 1;
        }
        Scenario scenario = o.load();
        if (scenario == null) {
            return 2;
        }
        Evaluation ev = evaluator.apply(scenario, o.policy(scenario));
        out.print(format.equals("json") ? ReportJson.render(ev) : ReportText.render(ev));
        out.flush();
        return 0;
    }

    /** The few options the io commands take: one FILE and "--name value" (or "--name=value") pairs. */
    static final class Options {
        private final String file;
        private final Map<String, String> values;
        private final String usage;
        private final PrintStream err;

        private Options(String file, Map<String, String> values, String usage, PrintStream err) {
            this.file = file;
            this.values = values;
            this.usage = usage;
            this.err = err;
        }

        /** Null after printing the problem and the usage line to {@code err}. */
        static Options parse(List<String> args, Set<String> known, String usage, PrintStream err) {
            List<String> files = new ArrayList<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--")) {
                    String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                    if (!known.contains(name)) {
                        return fail("unknown option \"" + name + "\"", usage, err);
                    }
                    String value;
                    if (a.contains("=")) {
                        value = a.substring(a.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        return fail("option " + name + " needs a value", usage, err);
                    }
                    if (values.put(name, value) != null) {
                        return fail("option " + name + " is given twice", usage, err);
                    }
                } else {
                    files.add(a);
                }
            }
            if (files.size() != 1) {
                return fail(files.isEmpty() ? "missing FILE" : "expected one FILE, got " + files.size(), usage, err);
            }
            return new Options(files.get(0), values, usage, err);
        }

        private static Options fail(String message, String usage, PrintStream err) {
            err.println("stage2scope: " + message);
            err.println(usage);
            return null;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        /** False, after printing the usage error, when --policy names no policy. */
        boolean policyValid() {
            if (has("--policy") && Named.byId(PolicyId.class, value("--policy", "")) == null) {
                usageError("unknown policy \"" + value("--policy", "") + "\"; expected one of " + Named.choices(PolicyId.class));
                return false;
            }
            return true;
        }

        /** The --policy given, or the scenario's own vm.policy. */
        PolicyId policy(Scenario scenario) {
            return has("--policy") ? Named.byId(PolicyId.class, value("--policy", "")) : scenario.vm().policy();
        }

        String value(String name, String defaultValue) {
            return values.getOrDefault(name, defaultValue);
        }

        int usageError(String message) {
            fail(message, usage, err);
            return 1;
        }

        /** The scenario, or null after printing the located message (never a stack trace). */
        Scenario load() {
            try {
                return ScenarioReader.read(Path.of(file));
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                return null;
            } catch (java.nio.file.InvalidPathException e) {
                err.println(file + ": not a valid path: " + e.getReason());
                return null;
            }
        }
    }
}
