package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stage2scope.engine.grid.GridCell;
import org.stage2scope.engine.grid.MemtypeGrid;
import org.stage2scope.engine.memtype.Combined;
import picocli.CommandLine;

/**
 * Every cell of the memory-type explorer's grid is what {@code stage2scope memtype} prints for the same
 * inputs: all 256 x 16 arm64 cells with and without FWB, all Intel and AMD cells. The memtype command is
 * parsed and run by picocli as on the command line; it is built once (building the whole command tree
 * per cell would take minutes for 8,000 cells).
 */
class GridMatchesMemtypeTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final MemtypeCommand command = new MemtypeCommand();
    private final CommandLine cl = new CommandLine(command);

    GridMatchesMemtypeTest() {
        cl.setExecutionStrategy(pr -> {
            command.out = out;
            command.err = out;
            return new CommandLine.RunLast().execute(pr);
        });
    }

    private String memtype(String... args) {
        bytes.reset();
        int rc = cl.execute(args);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);
        return printed.strip();
    }

    private static String printed(Combined c) {
        return c.result() + "  " + c.name() + ": " + c.reason();
    }

    @Test
    void theReusedCommandPrintsWhatTheRealCommandLinePrints() {
        CliRun r = CliRun.run("memtype", "--arch", "arm64", "--s1", "0x04", "--s2", "0b0110", "--fwb");
        assertEquals(r.out().strip(), memtype("--arch", "arm64", "--s1", "0x04", "--s2", "0b0110", "--fwb"));
        assertTrue(r.out().startsWith("0xff  Normal-WB: FWB"), r.out());
        // Options reset between runs: --fwb from the previous run does not stick.
        assertTrue(memtype("--arch", "arm64", "--s1", "0x04", "--s2", "0b0110").startsWith("0x04  Device-nGnRE"));
    }

    @ParameterizedTest(name = "fwb={0}")
    @ValueSource(booleans = {false, true})
    void everyArm64CellIsWhatMemtypePrints(boolean fwb) {
        MemtypeGrid g = MemtypeGrid.arm64(fwb, true, Set.of());
        assertEquals(256, g.rows().size());
        assertEquals(16, g.columns().size());
        for (GridCell c : g.cells()) {
            String[] args = fwb
                    ? new String[] {"--arch", "arm64", "--s1", c.row().id(), "--s2", c.column().id(), "--fwb"}
                    : new String[] {"--arch", "arm64", "--s1", c.row().id(), "--s2", c.column().id()};
            assertEquals(memtype(args), printed(c.combined()), c.row().id() + " x " + c.column().id());
        }
    }

    @ParameterizedTest(name = "ipat={0}")
    @ValueSource(booleans = {false, true})
    void everyIntelCellIsWhatMemtypePrints(boolean ipat) {
        MemtypeGrid g = MemtypeGrid.intel(ipat);
        assertEquals(30, g.cells().size());
        for (GridCell c : g.cells()) {
            assertEquals(memtype("--arch", "x86-intel", "--ept", c.column().id(), "--ipat", ipat ? "1" : "0", "--pat", c.row().id()),
                    printed(c.combined()), c.row().id() + " x " + c.column().id());
        }
    }

    @Test
    void everyAmdCellIsWhatMemtypePrints() {
        MemtypeGrid g = MemtypeGrid.amd();
        assertTrue(g.modelled());
        for (GridCell c : g.cells()) {
            assertEquals(memtype("--arch", "x86-amd", "--npt", c.column().id(), "--pat", c.row().id()), printed(c.combined()));
        }
    }
}
