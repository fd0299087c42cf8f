package org.stage2scope.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stage2scope.model.Named;

/**
 * Shows InspectorModel rows as a property sheet: one titled group per category, all open, a checkbox,
 * a choice box or a text field (committed on Enter or focus loss) per row. Each control has the id
 * "prop-" + row name so tests and screen readers find it.
 *
 * <p>When the same rows come back after an edit (the usual case) the controls are updated in place, never
 * rebuilt: the checkbox under the pointer stays the one the click lands on. Every commit is applied
 * at once to the document's current scenario through the row's edit function, so two commits in one
 * pulse (a text field losing focus to a checkbox click) both land, as two undo steps.
 */
final class InspectorView extends ScrollPane {
    private final ScenarioDocument doc;
    private final VBox box = new VBox(4);
    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** One row's control and the row it shows now (replaced in place on every update). */
    private static final class Row {
        InspectorModel.Prop prop;
        Node editor;

        Row(InspectorModel.Prop prop) {
            this.prop = prop;
        }
    }

    InspectorView(ScenarioDocument doc) {
        this.doc = doc;
        setId("inspector");
        setContent(box);
        setFitToWidth(true);
        box.setPadding(new Insets(4));
    }

    void show(List<InspectorModel.Prop> props) {
        List<String> keys = new ArrayList<>();
        for (InspectorModel.Prop p : props) {
            keys.add(p.key());
        }
        if (keys.equals(new ArrayList<>(rows.keySet()))) {
            for (InspectorModel.Prop p : props) {
                update(rows.get(p.key()), p);
            }
        } else {
            rebuild(props);
        }
    }

    private void rebuild(List<InspectorModel.Prop> props) {
        rows.clear();
        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (InspectorModel.Prop p : props) {
            GridPane g = groups.computeIfAbsent(p.category(), c -> grid());
            int r = g.getRowCount();
            Row row = new Row(p);
            row.editor = editor(row);
            row.editor.setId("prop-" + p.name());
            rows.put(p.key(), row);
            if (p.type() == InspectorModel.Action.class || p.type() == Boolean.class || p.type() == InspectorModel.Note.class) {
                // A button says what it does and a check box carries its flag's name, so neither needs a name
                // column: the row's whole width goes to its words (KVM_MEM_ENABLE_CACHEABLE_PFNMAP is wide).
                if (!p.description().isEmpty()) {
                    ((javafx.scene.control.Control) row.editor).setTooltip(new Tooltip(p.description()));
                }
                g.add(row.editor, 0, r, 2, 1);
                continue;
            }
            Label name = new Label(p.name());
            // A kernel name is never cut ("IGNORE_GUEST_..."): the value column gives way instead.
            name.setMinWidth(Region.USE_PREF_SIZE);
            if (!p.description().isEmpty()) {
                name.setTooltip(new Tooltip(p.description()));
            }
            g.add(name, 0, r);
            g.add(row.editor, 1, r);
        }
        box.getChildren().clear();
        groups.forEach((cat, grid) -> {
            TitledPane t = new TitledPane(null, grid);
            t.setAnimated(false);
            // A long VMA name in the title held the pane at the title's width, past the window's right edge
            // (at 1600 px every field of a VMA was cut off). A title cannot wrap by itself, so it is a
            // wrapping label as wide as the pane leaves beside the arrow, and the pane may be narrower.
            Label title = new Label(cat);
            title.getStyleClass().add("inspector-group");
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            title.prefWidthProperty().bind(t.widthProperty().subtract(TITLE_INSET));
            t.setGraphic(title);
            t.setMinWidth(0);
            box.getChildren().add(t);
        });
    }

    /** What a group's title row spends beside its words: the arrow and the paddings. */
    private static final double TITLE_INSET = 40;

    /** The value column's least width: a field scrolls its text, a choice box shows the start of its value. */
    private static final double VALUE_MIN_WIDTH = 90;

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(3);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(Region.USE_PREF_SIZE); // never narrower than its widest name
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setFillWidth(true);
        c1.setMinWidth(VALUE_MIN_WIDTH);
        grid.getColumnConstraints().addAll(c0, c1);
        return grid;
    }

    /** Shows a new value in the existing control; a text the user is typing is kept unless the value itself changed. */
    @SuppressWarnings("unchecked")
    private static void update(Row row, InspectorModel.Prop p) {
        InspectorModel.Prop old = row.prop;
        row.prop = p;
        if (row.editor instanceof Button b) {
            b.setText(String.valueOf(p.value()));
        } else if (row.editor instanceof Label note) {
            note.setText(String.valueOf(p.value()));
        } else if (row.editor instanceof CheckBox cb) {
            cb.setSelected(Boolean.TRUE.equals(p.value()));
            cb.setDisable(!p.editable());
        } else if (row.editor instanceof ComboBox<?> c) {
            ComboBox<Object> combo = (ComboBox<Object>) c;
            if (!combo.getItems().equals(p.choices())) {
                combo.getItems().setAll(p.choices());
            }
            combo.setValue(p.value());
            combo.setDisable(!p.editable());
        } else if (row.editor instanceof TextField tf && (!Objects.equals(old.value(), p.value()) || !tf.isFocused())) {
            tf.setText(String.valueOf(p.value()));
        }
    }

    /** Applies the row's edit to the document's current scenario, now; an unchanged value is no edit. */
    private void commit(Row row, Object value) {
        InspectorModel.Prop p = row.prop;
        if (p.editable() && value != null && !value.equals(p.value())) {
            doc.edit(label(p, value), p.edit().apply(value));
        }
    }

    /** What the status line and Undo call the edit: "Memslot call #0: size = 4G", "FWB on". */
    private static String label(InspectorModel.Prop p, Object value) {
        String change = value instanceof Boolean b ? p.name() + (b ? " on" : " off") : p.name() + " = " + display(value);
        return p.category().equals("Host features") ? change : p.category() + ": " + change;
    }

    private static String display(Object v) {
        if (v instanceof org.stage2scope.model.Stage1Attr a) {
            return InspectorModel.stage1Label(a);
        }
        return v instanceof Named n ? n.id() : String.valueOf(v);
    }

    private Node editor(Row row) {
        InspectorModel.Prop p = row.prop;
        if (p.type() == InspectorModel.Action.class) {
            Button b = new Button(String.valueOf(p.value()));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setWrapText(true);
            b.setMinHeight(Region.USE_PREF_SIZE);
            b.setOnAction(e -> doc.edit(String.valueOf(row.prop.value()), row.prop.edit().apply(null)));
            return b;
        }
        if (p.type() == InspectorModel.Note.class) {
            // Why the row above cannot be changed, readable without hovering (the tooltip has the whole sentence).
            Label note = new Label(String.valueOf(p.value()));
            note.getStyleClass().add("inspector-note");
            note.setWrapText(true);
            note.setMinHeight(Region.USE_PREF_SIZE);
            return note;
        }
        if (p.type() == Boolean.class) {
            CheckBox cb = new CheckBox(p.name());
            cb.setSelected(Boolean.TRUE.equals(p.value()));
            cb.setDisable(!p.editable());
            cb.setOnAction(e -> commit(row, cb.isSelected()));
            return cb;
        }
        if (p.choices() != null) {
            ComboBox<Object> combo = new ComboBox<>();
            combo.getItems().setAll(p.choices());
            combo.setValue(p.value());
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.setMinWidth(VALUE_MIN_WIDTH);
            combo.setDisable(!p.editable());
            combo.setConverter(new javafx.util.StringConverter<>() {
                @Override
                public String toString(Object o) {
                    return o == null ? "" : display(o);
                }

                @Override
                public Object fromString(String s) {
                    return null;
                }
            });
            combo.setOnAction(e -> commit(row, combo.getValue()));
            return combo;
        }
        TextField tf = new TextField(String.valueOf(p.value()));
        tf.setMinWidth(VALUE_MIN_WIDTH);
        tf.setPrefColumnCount(8);
        tf.setEditable(p.editable());
        if (!p.editable()) {
            tf.setFocusTraversable(false);
            tf.getStyleClass().add("read-only");
        }
        tf.setOnAction(e -> commit(row, tf.getText()));
        tf.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(row, tf.getText());
            }
        });
        return tf;
    }
}
