package org.stage2scope.ui;

import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import org.stage2scope.engine.Ref;

/** The findings panel: findings and every memslot call's result; choosing one reveals its target. */
final class FindingsView extends ListView<FindingRow> {

    FindingsView(MainViewModel vm) {
        setId("findings");
        setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(FindingRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("finding-error", "finding-warning");
                boolean none = empty || r == null;
                setText(none ? null : r.toString());
                if (none) {
                    setTooltip(null);
                    return;
                }
                Tooltip t = new Tooltip(r.toString());
                t.setWrapText(true);
                t.setMaxWidth(640);
                setTooltip(t);
                switch (r.severity()) {
                    case ERROR -> getStyleClass().add("finding-error");
                    case WARNING -> getStyleClass().add("finding-warning");
                    default -> { }
                }
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null && !(r.ref() instanceof Ref.None)) {
                vm.reveal(r.ref());
            }
        });
        // Cleared first, so replacing the rows never reads as the user choosing one.
        vm.document().evaluationProperty().addListener((o, a, ev) -> {
            getSelectionModel().clearSelection();
            getItems().setAll(FindingRow.of(ev));
        });
        getItems().setAll(FindingRow.of(vm.document().evaluation()));
    }
}
