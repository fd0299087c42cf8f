package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {
    private static final List<String> HEAD = List.of("vma", "flags");
    private static final List<List<String>> ROWS = List.of(List.of("gpu, \"BAR4\"", "PFNMAP|IO"), List.of("a\tb\nc", "_x_ *y* VM_IO"));

    @Test
    void markdownEscapesPipesAndMarkupSoEveryCellStaysOneLiteralCell() {
        assertEquals("""
                | vma | flags |
                |---|---|
                | gpu, "BAR4" | PFNMAP\\|IO |
                | a b c | \\_x\\_ \\*y\\* VM_IO |
                """, TableFormat.MARKDOWN.write(HEAD, ROWS));
    }

    @Test
    void csvQuotesPerRfc4180WithCrlf() {
        assertEquals("vma,flags\r\n\"gpu, \"\"BAR4\"\"\",PFNMAP|IO\r\n\"a\tb\nc\",_x_ *y* VM_IO\r\n", TableFormat.CSV.write(HEAD, ROWS));
    }

    @Test
    void tsvHasNoTabOrLineBreakInsideAField() {
        assertEquals("vma\tflags\ngpu, \"BAR4\"\tPFNMAP|IO\na b c\t_x_ *y* VM_IO\n", TableFormat.TSV.write(HEAD, ROWS));
    }
}
