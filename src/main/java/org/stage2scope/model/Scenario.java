package org.stage2scope.model;

import java.util.List;

/**
 * Everything Stage2Scope evaluates: the host, the VM, the VMM's VMAs, the ordered memslot ioctls and
 * what the guest does. Immutable; an edit makes a new Scenario.
 */
public record Scenario(String name, String description, Host host, Vm vm, List<Vma> vmas,
                       List<MemslotCall> memslots, Guest guest) {

    public Scenario {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        if (host == null || vm == null) {
            throw new IllegalArgumentException("a scenario needs a host and a vm");
        }
        vmas = List.copyOf(vmas);
        memslots = List.copyOf(memslots);
        guest = guest == null ? Guest.EMPTY : guest;
        for (Vma v : vmas) {
            if (!v.memType().appliesTo(host.arch())) {
                throw new IllegalArgumentException("VMA " + v.name() + ": memory type " + v.memType().id()
                        + " does not exist on " + host.arch().id());
            }
        }
        boolean wantMair = host.arch() == Arch.ARM64;
        for (Stage1Range r : guest.stage1()) {
            if ((r.attr() instanceof Stage1Attr.Mair) != wantMair) {
                throw new IllegalArgumentException("stage-1 attribute " + r.attr().id() + " does not exist on " + host.arch().id());
            }
        }
    }

    /** The name as titles show it: a scenario saved without one still gets words, never an empty line. */
    public String title() {
        return name.isEmpty() ? "(unnamed scenario)" : name;
    }

    public Scenario withHost(Host h) {
        return new Scenario(name, description, h, vm, vmas, memslots, guest);
    }

    public Scenario withVm(Vm v) {
        return new Scenario(name, description, host, v, vmas, memslots, guest);
    }

    public Scenario withVmas(List<Vma> v) {
        return new Scenario(name, description, host, vm, v, memslots, guest);
    }

    public Scenario withMemslots(List<MemslotCall> m) {
        return new Scenario(name, description, host, vm, vmas, m, guest);
    }

    public Scenario withGuest(Guest g) {
        return new Scenario(name, description, host, vm, vmas, memslots, g);
    }
}
