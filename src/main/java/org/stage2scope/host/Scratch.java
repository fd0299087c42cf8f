package org.stage2scope.host;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything probe or replay opened or mapped, released in reverse order when closed: file
 * descriptors (the VM fd last of all but /dev/kvm, so its memslots go away with it) and mappings.
 * A release that fails does not stop the others; {@link #close()} reports the failures afterwards.
 */
final class Scratch implements AutoCloseable {
    private record Resource(String what, int fd, long addr, long length) {}

    private final Kernel kernel;
    private final Deque<Resource> held = new ArrayDeque<>();

    Scratch(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Keeps a descriptor the caller got (fd >= 0) for closing; returns it. */
    int fd(String what, int fd) {
        if (fd >= 0) {
            held.push(new Resource(what, fd, 0, 0));
        }
        return fd;
    }

    /** Keeps a mapping the caller got (addr >= 0) for unmapping; returns it. */
    long mapping(String what, long addr, long length) {
        if (addr >= 0) {
            held.push(new Resource(what, -1, addr, length));
        }
        return addr;
    }

    int held() {
        return held.size();
    }

    @Override
    public void close() {
        List<String> failed = new ArrayList<>();
        while (!held.isEmpty()) {
            Resource r = held.pop();
            int rc = r.fd() >= 0 ? kernel.close(r.fd()) : kernel.munmap(r.addr(), r.length());
            if (rc < 0) {
                failed.add(r.what() + ": " + Kernel.describe(-rc));
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("could not release " + String.join(", ", failed));
        }
    }
}
