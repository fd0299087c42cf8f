package org.stage2scope.model;

/** A VMA's permissions as /proc/PID/maps prints them: "rw-s", "r-xp". */
public record Perms(boolean read, boolean write, boolean exec, boolean shared) {

    public static final Perms RW_SHARED = new Perms(true, true, false, true);

    /** Parses the four-character maps form; throws IllegalArgumentException naming what was expected. */
    public static Perms parse(String text) {
        if (text == null || !text.matches("[r-][w-][x-][sp]")) {
            throw new IllegalArgumentException("\"" + text
                    + "\" is not a permission string; expected four characters like \"rw-s\" or \"r-xp\" (r/w/x or -, then s shared or p private)");
        }
        return new Perms(text.charAt(0) == 'r', text.charAt(1) == 'w', text.charAt(2) == 'x', text.charAt(3) == 's');
    }

    @Override
    public String toString() {
        return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-") + (shared ? "s" : "p");
    }
}
