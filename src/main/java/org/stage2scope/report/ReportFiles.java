package org.stage2scope.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stage2scope.io.AtomicFile;
import org.stage2scope.render.PngPainter;

/**
 * Writes a review document in the format its file name asks for, atomically (io.AtomicFile): the
 * command line's {@code report} and the window's File > Save report both come here.
 */
public final class ReportFiles {
    private ReportFiles() {}

    /**
     * Writes the document; a Markdown file gets its picture as a PNG beside it, written first so the
     * Markdown never points at a missing picture.
     *
     * @return the files written, the document last
     * @throws IllegalArgumentException when the extension names no format ({@link ReportFormat#unknown})
     */
    public static List<Path> write(Path file, ReviewDocument doc) throws IOException {
        ReportFormat format = ReportFormat.of(file);
        if (format == null) {
            throw new IllegalArgumentException(ReportFormat.unknown(file));
        }
        List<Path> written = new ArrayList<>();
        List<Block> blocks = format == ReportFormat.JSON ? List.of() : doc.blocks();
        String text = switch (format) {
            case HTML -> HtmlWriter.write(doc.title(), blocks);
            case TEXT -> MailWriter.write(blocks);
            case JSON -> ReportJson.render(doc.evaluation());
            case MARKDOWN -> {
                String png = MarkdownWriter.pictureName(file.getFileName().toString());
                Path pngPath = file.resolveSibling(png);
                for (Block b : blocks) {
                    if (b instanceof Block.Picture pic) {
                        PngPainter.write(pic.scene(), 1, pngPath);
                        written.add(pngPath);
                    }
                }
                yield MarkdownWriter.write(blocks, png);
            }
        };
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
        written.add(file);
        return written;
    }
}
