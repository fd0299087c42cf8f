package org.stage2scope.host;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link KernelConformanceTest} outside Maven, where Surefire is not available: inside the
 * QEMU guest of .ci/kvm-in-tcg, which has a real /dev/kvm. Writes to the directory given as the
 * first argument (further arguments name test methods to run instead of the whole class): probe.txt (what probe read in that kernel), summary.txt (its first line is the
 * outcome), and a Surefire-like TEST-org.stage2scope.host.KernelConformanceTest.xml.
 * Exit code: 0 every case passed, 3 a case failed (a disagreement with the kernel, or the harness
 * broke on a real kernel), 4 every case was skipped (no usable KVM), 2 bad usage.
 */
public final class KernelConformanceMain {
    private KernelConformanceMain() {}

    /** One finished test case. */
    record Case(String name, double seconds, String status, String message) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: KernelConformanceMain OUTPUT_DIRECTORY [TEST_METHOD...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.writeString(out.resolve("probe.txt"), HostText.render(Probe.run(JnaKernel.load())), StandardCharsets.UTF_8);
        List<Case> cases = run(List.of(args).subList(1, args.length));
        Files.writeString(out.resolve("TEST-" + KernelConformanceTest.class.getName() + ".xml"), xml(cases), StandardCharsets.UTF_8);
        String summary = summary(cases);
        Files.writeString(out.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        System.out.print(summary);
        System.exit(exitCode(cases));
    }

    /** Runs the whole class, or only the named test methods. */
    static List<Case> run(List<String> methods) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        if (methods.isEmpty()) {
            selectors.add(selectClass(KernelConformanceTest.class));
        }
        methods.forEach(m -> selectors.add(selectMethod(KernelConformanceTest.class, m)));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        List<Case> cases = new ArrayList<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) {
                    cases.add(new Case(name(id), 0, "skipped", reason));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                long t0 = started.getOrDefault(id.getUniqueId(), System.nanoTime());
                double s = (System.nanoTime() - t0) / 1e9;
                String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
                if (id.isTest()) {
                    String status = switch (result.getStatus()) {
                        case SUCCESSFUL -> "passed";
                        case ABORTED -> "skipped";
                        case FAILED -> "failed";
                    };
                    cases.add(new Case(name(id), s, status, message));
                    // Progress on the guest's log: under TCG a case can take minutes.
                    System.out.printf("%-8s %8.1f s  %s%n", status, s, name(id));
                } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    cases.add(new Case(id.getDisplayName() + " (container)", s, "failed", message));
                }
            }
        });
        return cases;
    }

    private static String name(TestIdentifier id) {
        String n = id.getDisplayName();
        return n.endsWith("()") ? n.substring(0, n.length() - 2) : n;
    }

    static int exitCode(List<Case> cases) {
        if (cases.stream().anyMatch(c -> c.status().equals("failed"))) {
            return 3;
        }
        if (cases.isEmpty() || cases.stream().allMatch(c -> c.status().equals("skipped"))) {
            return 4;
        }
        return 0;
    }

    /** The outcome on the first line, then one line per case and every disagreement. */
    static String summary(List<Case> cases) {
        StringBuilder sb = new StringBuilder();
        long failed = cases.stream().filter(c -> c.status().equals("failed")).count();
        long skipped = cases.stream().filter(c -> c.status().equals("skipped")).count();
        long issued = KernelConformanceTest.Tally.ISSUED.sum();
        long agreed = KernelConformanceTest.Tally.AGREED.sum();
        String calls = issued + " calls issued in " + KernelConformanceTest.Tally.SCENARIOS.sum() + " scenarios, " + agreed
                + " agree, " + KernelConformanceTest.Tally.NOT_REPRODUCED.sum() + " not reproducible here";
        List<String> disagreements = new ArrayList<>(KernelConformanceTest.Tally.DISAGREEMENTS);
        if (exitCode(cases) == 4) {
            sb.append(cases.isEmpty() ? "no case ran" : firstLine(cases.get(0).message()).replaceFirst("^Assumption failed: ", ""));
        } else if (failed > 0) {
            Case first = cases.stream().filter(c -> c.status().equals("failed")).findFirst().orElseThrow();
            sb.append(failed).append(" of ").append(cases.size()).append(" cases failed (")
                    .append(issued - agreed).append(" of ").append(issued).append(" calls disagree); first: ")
                    .append(disagreements.isEmpty() ? first.name() + ": " + firstLine(first.message()) : disagreements.get(0));
        } else {
            sb.append(cases.size() - skipped).append(" cases, engine and kernel agree on every call (").append(calls).append(')');
            if (skipped > 0) {
                sb.append("; ").append(skipped).append(" cases skipped");
            }
        }
        sb.append('\n').append(calls).append('\n');
        for (Case c : cases) {
            sb.append(String.format("%-8s %8.1f s  %s%s%n", c.status(), c.seconds(), c.name(),
                    c.status().equals("passed") ? "" : ": " + firstLine(c.message())));
        }
        for (String d : disagreements) {
            sb.append("DISAGREE ").append(d).append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The Surefire report's shape, which .ci/run and CI tooling already read. */
    static String xml(List<Case> cases) {
        String cls = KernelConformanceTest.class.getName();
        double total = cases.stream().mapToDouble(Case::seconds).sum();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
                cls, cases.size(), cases.stream().filter(c -> c.status().equals("failed")).count(),
                cases.stream().filter(c -> c.status().equals("skipped")).count(), total));
        for (Case c : cases) {
            sb.append(String.format("  <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\"", escape(c.name()), cls, c.seconds()));
            switch (c.status()) {
                case "failed" -> sb.append(">\n    <failure message=\"").append(escape(firstLine(c.message()))).append("\">")
                        .append(escape(c.message())).append("</failure>\n  </testcase>\n");
                case "skipped" -> sb.append(">\n    <skipped message=\"").append(escape(firstLine(c.message()))).append("\">")
                        .append(escape(c.message())).append("</skipped>\n  </testcase>\n");
                default -> sb.append("/>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                        sb.append('?'); // not representable in XML 1.0
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
