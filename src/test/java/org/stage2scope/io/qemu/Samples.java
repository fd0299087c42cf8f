package org.stage2scope.io.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real QEMU captures under src/test/resources/samples-real (copied from running VMMs). */
final class Samples {
    private Samples() {}

    static final String ARM = "samples-real/qemu-aarch64-virt-uefi/";
    static final String Q35 = "samples-real/qemu-x86-q35/";

    static String text(String resource) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportResult importSample(String dir, ImportOptions options) throws ImportException {
        return QemuImporter.importText(text(dir + "smaps.txt"), "smaps.txt", text(dir + "monitor.txt"), "monitor.txt", options);
    }
}
