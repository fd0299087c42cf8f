package org.stage2scope.engine.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Finding;
import org.stage2scope.engine.Ref;
import org.stage2scope.engine.Severity;
import org.stage2scope.model.Stage1Attr;
import org.stage2scope.model.Stage1Range;
import org.stage2scope.model.X86MemType;

class Stage1AliasesTest {
    static final long M = 1L << 20;

    static Stage1Range mair(long gpa, long size, int attr) {
        return new Stage1Range(gpa, size, new Stage1Attr.Mair(attr));
    }

    @Test
    void overlapWithDifferentAttributesIsAFindingOnTheOverlapNamingWhatThePictureShows() {
        List<Finding> f = Stage1Aliases.findings(List.of(mair(0, 4 * M, 0xff), mair(2 * M, 4 * M, 0x00)));
        assertEquals(1, f.size());
        Finding only = f.get(0);
        assertEquals(Severity.WARNING, only.severity());
        assertEquals("mem.stage1.mismatched-alias", only.rule().id());
        assertEquals(new Ref.GpaRange(2 * M, 2 * M), only.ref(), "only the GPAs both ranges cover");
        assertTrue(only.message().contains("ranges 0 (0xff) and 1 (0x00)"), only.message());
        assertTrue(only.message().endsWith("the picture shows 0x00, the range listed later"), only.message());
    }

    @Test
    void sameAttributeOrTouchingRangesAreNoAlias() {
        assertTrue(Stage1Aliases.findings(List.of(mair(0, 4 * M, 0xff), mair(M, M, 0xff))).isEmpty());
        assertTrue(Stage1Aliases.findings(List.of(mair(0, 4 * M, 0xff), mair(4 * M, M, 0x00))).isEmpty());
    }

    @Test
    void everyMismatchedPairIsReportedInGpaOrder() {
        List<Finding> f = Stage1Aliases.findings(List.of(
                new Stage1Range(8 * M, 2 * M, new Stage1Attr.Pat(X86MemType.WB)),
                new Stage1Range(0, 16 * M, new Stage1Attr.Pat(X86MemType.UC)),
                new Stage1Range(M, M, new Stage1Attr.Pat(X86MemType.WC))));
        assertEquals(List.of(M, 8 * M), f.stream().map(x -> ((Ref.GpaRange) x.ref()).gpa()).toList());
        assertTrue(f.get(1).message().contains("ranges 0 (WB) and 1 (UC)"), f.get(1).message());
    }
}
