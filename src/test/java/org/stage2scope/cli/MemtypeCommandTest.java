package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemtypeCommandTest {

    private String out;
    private String err;

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "memtype";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.run(all);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void arm64CellPrintsResultNameAndReason() {
        assertEquals(0, run("--arch", "arm64", "--s1", "0x0c", "--s2", "0b0101"));
        assertTrue(out.startsWith("0x0c  Device-GRE: stage 1 is Device-GRE"), out);
        assertEquals(1, out.lines().count());
    }

    @Test
    void arm64WithFwbForcesWriteBack() {
        assertEquals(0, run("--arch", "arm64", "--s1", "0x44", "--s2", "0b0110", "--fwb"));
        assertTrue(out.startsWith("0xff  Normal-WB: FWB: stage 2 0b0110 forces write-back"), out);
    }

    @ParameterizedTest(name = "--s2 {0}")
    @ValueSource(strings = {"0b0111", "0x7", "7", "0b111"})
    void memAttrAcceptsBinaryHexAndDecimal(String s2) {
        assertEquals(0, run("--arch", "arm64", "--s1", "0x4f", "--s2", s2));
        assertTrue(out.startsWith("0x4f  Normal iWB oNC: "), out);
    }

    @Test
    void reservedEncodingIsPrintedAsReserved() {
        assertEquals(0, run("--arch", "arm64", "--s1", "0xff", "--s2", "0b0100", "--fwb"));
        assertTrue(out.startsWith("RESERVED  Reserved: with FWB, stage-2 MemAttr[2:0] = 0b100 is reserved"), out);
    }

    @Test
    void badMairByteIsAUsageError() {
        assertEquals(2, run("--arch", "arm64", "--s1", "0x1ff", "--s2", "0b0111"));
        assertEquals("stage2scope memtype: --s1: \"0x1ff\" is not a MAIR byte; expected 0x00..0xff", err.lines().findFirst().orElseThrow());
        assertEquals("", out);
    }

    @Test
    void badMemAttrIsAUsageError() {
        assertEquals(2, run("--arch", "arm64", "--s1", "0xff", "--s2", "16"));
        assertTrue(err.startsWith("stage2scope memtype: --s2: \"16\" is not a stage-2 MemAttr"), err);
    }

    @Test
    void intelCellFromTheTable() {
        assertEquals(0, run("--arch", "x86-intel", "--ept", "WB", "--ipat", "0", "--pat", "WC"));
        assertTrue(out.startsWith("WC  WC: EPT type WB with IPAT = 0 combines with guest PAT WC"), out);
        assertEquals(0, run("--arch", "x86-intel", "--ept", "WB", "--ipat", "1", "--pat", "UC"));
        assertTrue(out.startsWith("WB  WB: "), out);
    }

    @Test
    void amdCellIsMarkedModelled() {
        assertEquals(0, run("--arch", "x86-amd", "--npt", "WB", "--pat", "UC"));
        assertTrue(out.startsWith("UC  UC: modelled"), out);
    }

    @Test
    void x86BadValuesAreUsageErrors() {
        assertEquals(2, run("--arch", "x86-intel", "--ept", "UC-", "--ipat", "0", "--pat", "WC"));
        assertTrue(err.startsWith("stage2scope memtype: --ept: \"UC-\" is not an EPT memory type"), err);
        assertEquals(2, run("--arch", "x86-intel", "--ept", "WB", "--ipat", "2", "--pat", "WC"));
        assertTrue(err.startsWith("stage2scope memtype: --ipat: \"2\""), err);
        assertEquals(2, run("--arch", "x86-amd", "--npt", "WB", "--pat", "XX"));
        assertTrue(err.startsWith("stage2scope memtype: --pat: \"XX\" is not a PAT type"), err);
        assertEquals(2, run("--arch", "x86-amd", "--npt", "WB", "--pat", "UC", "--fwb"));
        assertEquals("stage2scope memtype: --fwb does not apply to --arch x86-amd, which takes --npt, --pat\n"
                + "Try 'stage2scope memtype --help' for more information.\n", err);
        assertEquals(2, run("--arch", "arm64", "--s1", "0xff"));
        assertTrue(err.startsWith("stage2scope memtype: --s2 is required"), err);
    }
}
