package org.stage2scope.model;

/** One guest memory access to simulate: the first touch of a GPA, which takes a stage-2 fault. */
public record GuestAccess(long gpa, Kind kind, String label) {

    public enum Kind implements Named {
        READ("read"),
        WRITE("write"),
        EXEC("exec");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    public GuestAccess {
        if (kind == null) {
            throw new IllegalArgumentException("an access needs a kind");
        }
        label = label == null ? "" : label;
    }
}
