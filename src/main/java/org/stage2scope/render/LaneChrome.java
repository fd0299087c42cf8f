package org.stage2scope.render;

/** What frames the lanes: their backgrounds, and the titles in the left margin. */
final class LaneChrome {
    private LaneChrome() {}

    static void backgrounds(Frame f) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        double w = f.right() - f.left();
        f.scene().add(f.rect(f.left(), r.vmaY(), w, r.lane(), t.laneBackground()));
        f.scene().add(f.rect(f.left(), r.s2Y(), w, r.lane(), t.laneBackground()));
        f.scene().add(f.rect(f.left(), r.effY(), w, r.lane(), t.laneBackground()));
        f.scene().add(f.rect(f.left(), r.accessY(), w, r.accessH(), t.laneBackground()));
    }

    static void titles(Frame f) {
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        // An opaque margin so bands panned to the left never run under the titles.
        f.scene().add(f.rect(0, 0, f.left() - 4, r.legendY(), t.background()));
        double fs = r.font();
        title(f, "Host VMAs", "HVA", r.vmaY(), r.lane());
        title(f, "Memslots", "KVM_SET_USER_MEMORY_REGION2", r.slotY(), r.slotH());
        title(f, "Stage 2", "GPA -> PA", r.s2Y(), r.lane());
        title(f, "Effective", "stage 1 x stage 2", r.effY(), r.lane());
        title(f, "Accesses", "guest faults", r.accessY(), r.accessH());
        f.scene().add(new Scene.Text(8, r.hvaAxisY() + fs * 1.2, "HVA", fs * 0.85, t.muted(), true, Scene.Anchor.START));
        f.scene().add(new Scene.Text(8, r.gpaAxisY() + fs * 1.1, "GPA", fs * 0.85, t.muted(), true, Scene.Anchor.START));
    }

    private static void title(Frame f, String main, String sub, double y, double h) {
        double fs = f.font();
        Theme t = f.theme();
        f.scene().add(new Scene.Text(8, y + h / 2 - 1, main, fs, t.foreground(), true, Scene.Anchor.START));
        if (TextFit.width(sub, fs * 0.75) < f.left() - 12 && h > fs * 1.8) {
            f.scene().add(new Scene.Text(8, y + h / 2 + fs * 0.9, sub, fs * 0.75, t.muted(), false, Scene.Anchor.START));
        }
    }
}
