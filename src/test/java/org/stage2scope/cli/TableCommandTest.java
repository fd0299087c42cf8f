package org.stage2scope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableCommandTest {

    private String out;
    private String err;

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "table";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = CliRun.run(all);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private List<String> lines() {
        return out.lines().toList();
    }

    @Test
    void namesNameEveryEncodingAndResultAsTheExplorerDoes() {
        assertEquals(0, run("--arch", "arm64", "--fwb", "--names"));
        List<String> lines = lines();
        assertEquals("s1,s2,fwb,result,s1_name,s2_name,name", lines.get(0));
        assertEquals(1 + 18 * 8, lines.size(), "--names adds columns, not rows");
        assertTrue(lines.contains("0x04,0b0110,true,0xff,Device-nGnRE,Force WB,Normal-WB (0xff)"), out);
        assertTrue(lines.contains("0x44,0b0111,true,0x44,Normal NC,Use stage 1,Normal-NC (0x44)"), out);
        assertTrue(lines.contains("0xff,0b0100,true,RESERVED,Normal WB RAWA,RESERVED,RESERVED"), out);
        assertEquals(0, run("--arch", "arm64", "--names"));
        assertTrue(lines().contains("0x4f,0b1111,false,0x4f,Normal iWB RAWA oNC,Normal WB,Normal iWB oNC (0x4f)"), out);
        assertEquals(0, run("--arch", "x86-intel", "--names"));
        assertEquals("ept,ipat,pat,result,name", lines().get(0));
        assertTrue(lines().contains("WB,0,WC,WC,WC"), out);
        assertEquals("", err);
    }

    @Test
    void arm64WithoutFwbHasEighteenBytesTimesSixteenMemAttrs() {
        assertEquals(0, run("--arch", "arm64"));
        List<String> lines = lines();
        assertEquals("s1,s2,fwb,result", lines.get(0));
        assertEquals(1 + 18 * 16, lines.size());
        assertTrue(lines.contains("0x0c,0b0101,false,0x0c"), "S1 Device-GRE + S2 NC stays GRE");
        assertTrue(lines.contains("0xff,0b0101,false,0x44"));
        assertTrue(lines.contains("0xff,0b1110,false,0xfb"));
        assertTrue(lines.contains("0xf0,0b1111,false,0xf0"));
        assertTrue(lines.contains("0xff,0b1000,false,RESERVED"));
        assertEquals("", err);
    }

    @Test
    void arm64WithFwbCoversTheEightFwbEncodings() {
        assertEquals(0, run("--arch", "arm64", "--fwb"));
        List<String> lines = lines();
        assertEquals("s1,s2,fwb,result", lines.get(0));
        assertEquals(1 + 18 * 8, lines.size());
        assertTrue(lines.contains("0x44,0b0110,true,0xff"), "force write-back");
        assertTrue(lines.contains("0x00,0b0110,true,0xff"));
        assertTrue(lines.contains("0x08,0b0101,true,0x08"), "S2 NC keeps S1 Device");
        assertTrue(lines.contains("0x00,0b0001,true,0x00"), "both Device: the stronger");
        assertTrue(lines.contains("0xff,0b0100,true,RESERVED"));
        assertTrue(lines.contains("0xb4,0b0111,true,0xb4"));
    }

    @Test
    void arm64AllCoversEveryByte() {
        assertEquals(0, run("--all", "--arch", "arm64"));
        assertEquals(1 + 256 * 16, lines().size());
        assertTrue(lines().contains("0x02,0b1111,false,RESERVED"));
    }

    @Test
    void intelHasSixtyRowsInTableOrder() {
        assertEquals(0, run("--arch", "x86-intel"));
        List<String> lines = lines();
        assertEquals("ept,ipat,pat,result", lines.get(0));
        assertEquals(1 + 5 * 2 * 6, lines.size());
        assertEquals("UC,0,UC,UC", lines.get(1));
        assertEquals("UC,0,WC,WC", lines.get(3));
        assertTrue(lines.contains("WB,1,UC,WB"));
        assertTrue(lines.contains("WB,0,UC-,UC"));
        assertTrue(lines.contains("WP,0,UC-,WC"));
        assertEquals("WB,1,WB,WB", lines.get(60));
    }

    @Test
    void amdHasThirtyModelledRows() {
        assertEquals(0, run("--arch", "x86-amd"));
        List<String> lines = lines();
        assertEquals("npt,pat,result", lines.get(0));
        assertEquals(1 + 30, lines.size());
        assertTrue(lines.contains("WB,UC,UC"));
        assertTrue(lines.contains("UC,WC,WC"));
        assertTrue(lines.contains("WB,UC-,UC"));
    }

    @Test
    void unknownArchOrOptionIsAUsageError() {
        assertEquals(2, run("--arch", "riscv"));
        assertTrue(err.contains("stage2scope table: invalid value for option '--arch': \"riscv\" is not an architecture"), err);
        assertEquals("", out);
        assertEquals(2, run("--arch", "arm64", "--bogus"));
        assertTrue(err.contains("stage2scope table: unknown option: '--bogus'"), err);
        assertEquals(2, run("--arch", "x86-intel", "--fwb"));
        assertTrue(err.contains("--fwb does not apply"), err);
        assertEquals(2, run());
        assertTrue(err.contains("stage2scope table: missing required option: '--arch=ID'"), err);
    }

    @Test
    void reachableThroughTheCliDispatcher() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int rc = Cli.run(new String[] {"table", "--arch=x86-amd"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        assertTrue(o.toString(StandardCharsets.UTF_8).startsWith("npt,pat,result\n"));
    }
}
