package org.stage2scope.model;

/** x86 memory types with their PAT/MTRR/EPT encodings (Intel SDM vol. 3, "Memory Types"). */
public enum X86MemType implements Named {
    UC("UC", 0),
    WC("WC", 1),
    WT("WT", 4),
    WP("WP", 5),
    WB("WB", 6),
    /** PAT-only: "UC minus", overridable to WC by the MTRR (or EPT) type. Encoding 7 in IA32_PAT. */
    UC_MINUS("UC-", 7);

    private final String id;
    private final int encoding;

    X86MemType(String id, int encoding) {
        this.id = id;
        this.encoding = encoding;
    }

    @Override
    public String id() {
        return id;
    }

    public int encoding() {
        return encoding;
    }
}
