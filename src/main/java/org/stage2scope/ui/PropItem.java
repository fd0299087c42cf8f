package org.stage2scope.ui;

import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** Adapts an InspectorModel.Prop to ControlsFX's PropertySheet; setting a value becomes a document edit. */
final class PropItem implements PropertySheet.Item {
    private final InspectorModel.Prop prop;
    private final ScenarioDocument doc;

    PropItem(InspectorModel.Prop prop, ScenarioDocument doc) {
        this.prop = prop;
        this.doc = doc;
    }

    InspectorModel.Prop prop() {
        return prop;
    }

    @Override
    public Class<?> getType() {
        return prop.type();
    }

    @Override
    public String getCategory() {
        return prop.category();
    }

    @Override
    public String getName() {
        return prop.name();
    }

    @Override
    public String getDescription() {
        return prop.description();
    }

    @Override
    public Object getValue() {
        return prop.value();
    }

    @Override
    public void setValue(Object value) {
        if (prop.editable() && value != null && !value.equals(prop.value())) {
            // Defer: the edit rebuilds the sheet, which must not happen inside the editor's own event.
            javafx.application.Platform.runLater(() -> doc.edit(prop.name() + " = " + value, s -> prop.apply().apply(value)));
        }
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.empty();
    }

    @Override
    public boolean isEditable() {
        return prop.editable();
    }
}
