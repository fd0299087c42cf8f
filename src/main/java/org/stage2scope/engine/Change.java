package org.stage2scope.engine;

/**
 * One thing an edit changed in the engine's conclusions, on one lane of the picture.
 *
 * @param lane    which lane it is drawn on
 * @param ref     what to outline: the VMA, memslot call or access (index in the new evaluation, or in
 *                the old one when the item was removed), or the GPA range of a stage-2/effective change
 * @param subject the short name people know the item by ("GPU resmem", "guest kernel runs from RAM")
 * @param before  the old value in the lane's own words ("Device-nGnRE", "0", "exec abort-injected")
 * @param after   the new value in the same words
 */
public record Change(Lane lane, Ref ref, String subject, String before, String after) {

    /** The lanes a change can sit on, top to bottom as the picture draws them. */
    public enum Lane {
        VMA("VMA"), MEMSLOT("memslot"), STAGE2("stage-2"), EFFECTIVE("effective"), ACCESS("access");

        private final String word;

        Lane(String word) {
            this.word = word;
        }

        /** The word the change text uses for the lane. */
        public String word() {
            return word;
        }
    }

    /** "GPU resmem effective Device-nGnRE -> Normal-WB"; an access's words already name its kind. */
    public String text() {
        String where = lane == Lane.ACCESS ? subject + ":" : subject + " " + lane.word();
        return where + " " + before + " -> " + after;
    }
}
