package org.stage2scope.ui;

import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * A text editor that edits the scenario only on Enter or when focus leaves, so typing "0x4000"
 * does not make four edits (and four undo steps) on the way.
 */
final class CommitTextEditor implements PropertyEditor<Object> {
    private final TextField field = new TextField();

    CommitTextEditor(PropertySheet.Item item) {
        field.setEditable(item.isEditable());
        field.setOnAction(e -> item.setValue(field.getText()));
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                item.setValue(field.getText());
            }
        });
    }

    @Override
    public Node getEditor() {
        return field;
    }

    @Override
    public Object getValue() {
        return field.getText();
    }

    @Override
    public void setValue(Object value) {
        field.setText(value == null ? "" : value.toString());
    }
}
