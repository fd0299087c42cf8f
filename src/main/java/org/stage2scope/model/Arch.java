package org.stage2scope.model;

/** The host architecture, and for x86 the vendor, because the stage-2 memory type rules differ. */
public enum Arch implements Named {
    ARM64("arm64"),
    X86_INTEL("x86-intel"),
    X86_AMD("x86-amd");

    private final String id;

    Arch(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    public boolean isX86() {
        return this != ARM64;
    }
}
