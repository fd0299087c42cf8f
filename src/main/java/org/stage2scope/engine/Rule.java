package org.stage2scope.engine;

/**
 * A rule of the kernel or the architecture that decided an outcome.
 *
 * @param id             stable identifier used in reports and tests ("memslot.overlap")
 * @param kernelFunction the kernel function (or Arm ARM / SDM section) the rule mirrors
 * @param title          one line for people
 */
public record Rule(String id, String kernelFunction, String title) {
    public Rule {
        if (id == null || id.isBlank() || kernelFunction == null || title == null) {
            throw new IllegalArgumentException("a rule needs an id, a kernel function and a title");
        }
    }
}
