package org.stage2scope.report;

import java.util.List;
import org.stage2scope.render.Scene;

/**
 * The pieces a review document is made of, independent of its format: {@link ReviewDocument} decides
 * what is said, {@link HtmlWriter}, {@link MarkdownWriter} and {@link MailWriter} only how. Text is
 * plain (writers escape it).
 */
public sealed interface Block {

    /** A section title; {@code id} is its anchor in formats that have them. */
    record Heading(int level, String text, String id) implements Block {}

    record Paragraph(String text) implements Block {}

    /** "label: value" lines (the host, the VM, the policy). */
    record Facts(List<String[]> pairs) implements Block {
        public Facts {
            pairs = List.copyOf(pairs);
        }
    }

    /**
     * A table.
     *
     * @param marks  per row, a short class the HTML styles ("finding", "refused"), or "" ; same size as rows
     * @param narrow the column indexes a narrow medium (an 80-column mail) keeps; every column when empty
     */
    record Grid(List<String> headers, List<List<String>> rows, List<String> marks, List<Integer> narrow) implements Block {
        public Grid {
            headers = List.copyOf(headers);
            rows = List.copyOf(rows);
            marks = List.copyOf(marks);
            narrow = List.copyOf(narrow);
            if (marks.size() != rows.size()) {
                throw new IllegalArgumentException("one mark per row");
            }
        }

        static Grid of(Table<?> t, List<String> marks, List<Integer> narrow) {
            return new Grid(t.headers(), t.cells(), marks, narrow);
        }
    }

    /** A list of explanations: a short head ("#2 EINVAL"), its text, and optional numbered steps. */
    record Items(List<Item> items) implements Block {
        public Items {
            items = List.copyOf(items);
        }
    }

    record Item(String head, String text, List<String> steps) {
        public Item {
            steps = List.copyOf(steps);
        }

        Item(String head, String text) {
            this(head, text, List.of());
        }
    }

    /** The band picture: inline SVG in HTML, a PNG beside a Markdown file, left out of a mail. */
    record Picture(Scene scene, String caption) implements Block {}
}
