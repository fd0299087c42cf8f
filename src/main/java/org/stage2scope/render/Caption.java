package org.stage2scope.render;

import java.util.stream.Collectors;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.model.CpuFeature;
import org.stage2scope.model.Scenario;

/** The title and host line an exported picture carries, so a slide says what it shows. */
public final class Caption {
    private Caption() {}

    /** The caption's lines: scenario name, then policy and host. */
    public static String[] lines(Evaluation ev) {
        Scenario s = ev.scenario();
        String feats = s.host().features().stream().map(CpuFeature::id).sorted().collect(Collectors.joining(" "));
        String name = s.name().isEmpty() ? "(unnamed scenario)" : s.name();
        String host = s.host().arch().id() + ", " + s.host().pageSize().id() + " pages, features: "
                + (feats.isEmpty() ? "none" : feats) + (s.vm().mte() ? ", vm.mte" : "");
        return new String[] {name, "policy " + ev.policy().id() + "  |  " + host};
    }

    static void draw(Frame f, Evaluation ev) {
        String[] lines = lines(ev);
        Layout.Rows r = f.rows();
        Theme t = f.theme();
        f.scene().add(new Scene.Text(f.left(), r.captionY() + r.font() * 1.3, lines[0], r.font() * 1.35, t.foreground(),
                true, Scene.Anchor.START));
        f.scene().add(new Scene.Text(f.left(), r.captionY() + r.font() * 2.8, lines[1], r.font(), t.muted(), false,
                Scene.Anchor.START));
    }
}
