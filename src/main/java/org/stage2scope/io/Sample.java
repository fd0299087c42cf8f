package org.stage2scope.io;

/** A bundled sample scenario: its file name under samples/, its name and what it teaches. */
public record Sample(String fileName, String title, String description) {}
