package org.stage2scope.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
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
import javafx.scene.layout.VBox;
import org.stage2scope.model.Named;

/**
 * Shows InspectorModel rows as a property sheet: one titled group per category, all open, a checkbox,
 * a choice box or a text field (committed on Enter or focus loss) per row. Each control has the id
 * "prop-" + row name so tests and screen readers find it.
 */
final class InspectorView extends ScrollPane {
    private final ScenarioDocument doc;
    private final VBox box = new VBox(4);

    InspectorView(ScenarioDocument doc) {
        this.doc = doc;
        setId("inspector");
        setContent(box);
        setFitToWidth(true);
        box.setPadding(new Insets(4));
    }

    void show(List<InspectorModel.Prop> props) {
        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (InspectorModel.Prop p : props) {
            GridPane g = groups.computeIfAbsent(p.category(), c -> {
                GridPane grid = new GridPane();
                grid.setHgap(8);
                grid.setVgap(3);
                ColumnConstraints c0 = new ColumnConstraints();
                c0.setMinWidth(110);
                ColumnConstraints c1 = new ColumnConstraints();
                c1.setHgrow(Priority.ALWAYS);
                c1.setFillWidth(true);
                grid.getColumnConstraints().addAll(c0, c1);
                return grid;
            });
            int row = g.getRowCount();
            Label name = new Label(p.name());
            if (!p.description().isEmpty()) {
                name.setTooltip(new Tooltip(p.description()));
            }
            Node editor = editor(p);
            editor.setId("prop-" + p.name());
            g.add(name, 0, row);
            g.add(editor, 1, row);
        }
        box.getChildren().clear();
        groups.forEach((cat, grid) -> {
            TitledPane t = new TitledPane(cat, grid);
            t.setAnimated(false);
            box.getChildren().add(t);
        });
    }

    private void commit(InspectorModel.Prop p, Object value) {
        if (p.editable() && value != null && !value.equals(p.value())) {
            // Deferred: the edit rebuilds this sheet, which must not happen inside the control's own event.
            Platform.runLater(() -> doc.edit(p.name() + " = " + display(value), s -> p.apply().apply(value)));
        }
    }

    private static String display(Object v) {
        if (v instanceof org.stage2scope.model.Stage1Attr a) {
            return InspectorModel.stage1Label(a);
        }
        return v instanceof Named n ? n.id() : String.valueOf(v);
    }

    private Node editor(InspectorModel.Prop p) {
        if (p.type() == InspectorModel.Action.class) {
            Button b = new Button(String.valueOf(p.value()));
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> Platform.runLater(() -> doc.edit(String.valueOf(p.value()), s -> p.apply().apply(null))));
            return b;
        }
        if (p.type() == Boolean.class) {
            CheckBox cb = new CheckBox();
            cb.setSelected(Boolean.TRUE.equals(p.value()));
            cb.setDisable(!p.editable());
            cb.setOnAction(e -> commit(p, cb.isSelected()));
            return cb;
        }
        if (p.choices() != null) {
            ComboBox<Object> combo = new ComboBox<>();
            combo.getItems().setAll(p.choices());
            combo.setValue(p.value());
            combo.setMaxWidth(Double.MAX_VALUE);
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
            combo.setOnAction(e -> commit(p, combo.getValue()));
            return combo;
        }
        TextField tf = new TextField(String.valueOf(p.value()));
        tf.setEditable(p.editable());
        if (!p.editable()) {
            tf.setFocusTraversable(false);
            tf.getStyleClass().add("read-only");
        }
        tf.setOnAction(e -> commit(p, tf.getText()));
        tf.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(p, tf.getText());
            }
        });
        return tf;
    }
}
