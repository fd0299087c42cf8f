package org.stage2scope.ui;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.stage2scope.engine.Change;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.Ref;
import org.stage2scope.render.Layout;
import org.stage2scope.render.Scene;
import org.stage2scope.render.Theme;
import org.stage2scope.render.View;

/**
 * The lanes picture on a canvas: zoom (wheel, +/-), pan (drag, arrows), fit (0 / Home), zoom to
 * selection (Z), hover tooltips, click to select. Redraws only the visible part via render.Layout.
 */
public final class BandView extends Region {
    private final Canvas canvas = new Canvas();
    private final ObjectProperty<Ref> selection = new SimpleObjectProperty<>(Ref.NONE);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.light());
    private final BooleanProperty presentation = new SimpleBooleanProperty(false);
    private final Tooltip tooltip = new Tooltip();
    private final PauseTransition tooltipDelay = new PauseTransition(Duration.millis(250));
    /** The pointer in screen coordinates, where the tooltip goes (NaN before the first move). */
    private double pointerX = Double.NaN;
    private double pointerY = Double.NaN;
    private Layout layout;
    /** The theme the last frame was drawn in (its type may be fitted to the height): pointer maths uses it. */
    private Theme drawnTheme;
    private View view = View.ALL;
    private Scene scene;
    private List<Change> changed = List.of();
    private double dragX = Double.NaN;
    private Scene.Hit hovered;
    private String emptyMessage = "";
    private final javafx.beans.property.ReadOnlyObjectWrapper<View> visible =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "visibleView", View.ALL);
    /** Where a click's choice goes: the view model in the window; the selection property when alone. */
    private java.util.function.Consumer<Ref> onSelect = selection::set;

    public BandView() {
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(300, 200);
        setId("band-view");
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(560);
        // Not Tooltip.install: that shows once at JavaFX's place and stays put; this one follows the pointer.
        tooltipDelay.setOnFinished(e -> placeTooltip());
        // Shown by hand, the popup would otherwise eat Esc (clear selection) and the click that follows.
        tooltip.setHideOnEscape(false);
        tooltip.setConsumeAutoHidingEvents(false);
        // A new text resizes the popup after its layout pass: place it again so a flip uses the real size.
        tooltip.widthProperty().addListener((o, a, b) -> {
            if (tooltip.isShowing()) {
                placeTooltip();
            }
        });
        canvas.setOnMouseExited(e -> hideTooltip());
        selection.addListener((o, a, b) -> redraw());
        theme.addListener((o, a, b) -> redraw());
        canvas.setOnScroll(e -> {
            if (layout == null || e.getDeltaY() == 0) {
                return;
            }
            zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX());
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
        });
        canvas.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX)) {
                view = view.pan((unitAt(dragX) - unitAt(e.getX())) / view.span());
                dragX = e.getX();
                redraw();
            }
        });
        canvas.setOnMouseReleased(e -> dragX = Double.NaN);
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress() || scene == null) {
                return;
            }
            clearChangeOutline();
            Scene.Hit h = scene.hitAt(e.getX(), e.getY());
            onSelect.accept(h == null ? Ref.NONE : h.ref());
        });
        canvas.setOnMouseMoved(e -> {
            Scene.Hit h = scene == null ? null : scene.hitAt(e.getX(), e.getY());
            pointerX = e.getScreenX();
            pointerY = e.getScreenY();
            if (h == null) {
                hideTooltip();
                return;
            }
            if (h != hovered) {
                hovered = h;
                tooltip.setText(h.tooltip());
            }
            if (tooltip.isShowing()) {
                placeTooltip();
            } else {
                tooltipDelay.playFromStart();
            }
        });
        setOnKeyPressed(e -> {
            // Plain keys only: Ctrl+Z must reach the Undo accelerator, not zoom to the selection.
            if (e.isShortcutDown() || e.isControlDown() || e.isAltDown() || e.isMetaDown()) {
                return;
            }
            KeyCode k = e.getCode();
            switch (k) {
                case PLUS, ADD, EQUALS -> zoomAt(1.5, centreX());
                case MINUS, SUBTRACT -> zoomAt(1 / 1.5, centreX());
                case LEFT -> pan(-0.2);
                case RIGHT -> pan(0.2);
                case DIGIT0, NUMPAD0, HOME -> fitAll();
                case Z -> zoomToSelection();
                case ESCAPE -> {
                    clearChangeOutline();
                    onSelect.accept(Ref.NONE);
                }
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    public ObjectProperty<Ref> selectionProperty() {
        return selection;
    }

    /** Where clicks (and Esc) send the band the user chose; by default the selection property. */
    public void setOnSelect(java.util.function.Consumer<Ref> handler) {
        onSelect = handler;
    }

    /** The band under a point of this view, or null. */
    public Scene.Hit hitAt(double x, double y) {
        return scene == null ? null : scene.hitAt(x, y);
    }

    /** The visible part of the GPA axis, updated on every redraw. */
    public javafx.beans.property.ReadOnlyObjectProperty<View> visibleViewProperty() {
        return visible.getReadOnlyProperty();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public BooleanProperty presentationProperty() {
        return presentation;
    }

    /** The visible part of the GPA axis. */
    public View view() {
        return view;
    }


    /** The scene last painted (tests and export of the visible part read it). */
    public Scene scene() {
        return scene;
    }

    public Layout bandLayout() {
        return layout;
    }

    /** New evaluation: keep the view when the axes keep their shape, else fit. */
    public void setEvaluation(Evaluation ev, List<Change> changes, String messageWhenNull) {
        Layout next = ev == null ? null : Layout.of(ev);
        // An edit keeps a range pinned by "zoom to" inside a gap on the axis, so the view stays where it was;
        // another scenario (axes of another shape) does not inherit it.
        if (next != null && layout != null && layout.unpinned() != layout && sameShape(layout.unpinned(), next)) {
            next = layout.next(ev);
        }
        boolean sameShape = layout != null && next != null && sameShape(layout, next);
        layout = next;
        emptyMessage = messageWhenNull == null ? "" : messageWhenNull;
        if (!sameShape) {
            view = View.ALL;
        }
        // The outline stays until the next edit replaces it or a click or Esc on the picture takes it away:
        // a change that faded after 1.6 s was gone before the room had found it.
        changed = changes == null ? List.of() : changes;
        redraw();
    }

    /** Whether two layouts' axes have as many segments each (an edit, not another scenario). */
    private static boolean sameShape(Layout a, Layout b) {
        return a.gpaAxis().segments().size() == b.gpaAxis().segments().size()
                && a.hvaAxis().segments().size() == b.hvaAxis().segments().size();
    }

    /** Takes the change outline away (a click or Esc on the picture); the status line keeps its words. */
    public void clearChangeOutline() {
        if (!changed.isEmpty()) {
            changed = List.of();
            redraw();
        }
    }

    /** How far right of and below the pointer the tooltip sits, clear of the cursor's arrow. */
    static final double TOOLTIP_OFFSET = 16;

    /** Shows the tooltip next to the pointer, flipped left/up where it would leave the screen. */
    private void placeTooltip() {
        if (hovered == null || Double.isNaN(pointerX) || getScene() == null || getScene().getWindow() == null) {
            return;
        }
        if (!tooltip.isShowing()) {
            tooltip.show(canvas, pointerX + TOOLTIP_OFFSET, pointerY + TOOLTIP_OFFSET);
        }
        double[] at = tooltipPlace(pointerX, pointerY, tooltip.getWidth(), tooltip.getHeight(), screenBounds(pointerX, pointerY));
        tooltip.setX(at[0]);
        tooltip.setY(at[1]);
    }

    private void hideTooltip() {
        tooltipDelay.stop();
        hovered = null;
        tooltip.setText("");
        tooltip.hide();
    }

    /** The visual bounds (without task bars) of the screen the pointer is on. */
    private static javafx.geometry.Rectangle2D screenBounds(double x, double y) {
        var screens = javafx.stage.Screen.getScreensForRectangle(x, y, 1, 1);
        return (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    /**
     * Where a w x h tooltip goes for a pointer at (px, py): right of and below it by the offset, or
     * left of / above it when that side would cross the screen's edge, and never past its top-left.
     */
    static double[] tooltipPlace(double px, double py, double w, double h, javafx.geometry.Rectangle2D screen) {
        double x = px + TOOLTIP_OFFSET;
        if (x + w > screen.getMaxX()) {
            x = px - TOOLTIP_OFFSET - w;
        }
        double y = py + TOOLTIP_OFFSET;
        if (y + h > screen.getMaxY()) {
            y = py - TOOLTIP_OFFSET - h;
        }
        return new double[] {Math.max(screen.getMinX(), x), Math.max(screen.getMinY(), y)};
    }

    /** The hover tooltip's window while it is on screen (tests check where it sits). */
    public Tooltip tooltip() {
        return tooltip;
    }

    /** The text the hover tooltip shows now ("" when the pointer is over no band). */
    public String tooltipText() {
        return tooltip.getText();
    }

    /** The changes outlined now (empty after a click or Esc on the picture; the status line keeps the words). */
    public List<Change> highlighted() {
        return changed;
    }

    public void fitAll() {
        if (layout != null) {
            layout = layout.unpinned();
        }
        view = View.ALL;
        redraw();
    }

    /**
     * Frames the selection through the render layout's own rule ({@link Layout#frame(Ref)}), the one
     * "render --gpa" uses: a range inside a collapsed gap comes with a layout that has a place for it.
     */
    public void zoomToSelection() {
        if (layout != null && !(selection.get() instanceof Ref.None)) {
            Layout.Framed framed = layout.frame(selection.get());
            layout = framed.layout();
            view = framed.view();
            redraw();
        }
    }

    public void zoom(double factor) {
        zoomAt(factor, centreX());
    }

    public void pan(double fraction) {
        view = view.pan(fraction);
        redraw();
    }

    private double centreX() {
        return getWidth() / 2;
    }

    private double plotWidth() {
        Layout.Rows r = Layout.rows(theme.get(), getWidth(), false);
        return Math.max(1, getWidth() - r.left() - r.right());
    }

    private void zoomAt(double factor, double px) {
        view = view.zoom(factor, Math.max(0, Math.min(1, unitAt(px))));
        redraw();
    }

    /** The GPA unit under pixel {@code px}, as the picture draws it (render.Layout knows the plot). */
    private double unitAt(double px) {
        if (layout == null) {
            Layout.Rows r = Layout.rows(theme.get(), getWidth(), false);
            return view.u0() + (px - r.left()) / plotWidth() * view.span();
        }
        return layout.gpaUnitAt(view, canvas.getWidth(), drawnTheme != null ? drawnTheme : theme.get(), px);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        // The change entry's row is counted: the legend must not outgrow the pane after the first edit.
        int legendRows = layout == null ? 1 : layout.legendRows(theme.get(), Math.max(800, width), true);
        return Layout.preferredHeight(theme.get(), false, legendRows);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 1000;
    }

    /** The theme with lanes grown to use the available height (up to 2.2x), so the picture fills the pane. */
    private Theme fitted(Theme t, double h) {
        double f = t.fontSize();
        double legend = layout.legendRows(t, canvas.getWidth(), !changed.isEmpty()) * f * 1.9;
        double lane = (h - 8 - f * 5 - legend - 40) / 5.6;
        lane = Math.max(t.laneHeight(), Math.min(t.laneHeight() * 2.2, lane));
        return t.withLaneHeight(lane);
    }

    public void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        var g = canvas.getGraphicsContext2D();
        Theme t = theme.get();
        if (w <= 0 || h <= 0) {
            return;
        }
        if (layout == null) {
            scene = null;
            g.setFill(FxPainter.color(t.background()));
            g.fillRect(0, 0, w, h);
            g.setFill(FxPainter.color(t.foreground()));
            g.setFont(javafx.scene.text.Font.font(t.fontSize()));
            g.fillText(emptyMessage, 20, 40);
            return;
        }
        drawnTheme = fitted(t, h);
        scene = layout.scene(w, h, view, drawnTheme, new Layout.Options(false, true, selection.get(), changed));
        visible.set(view);
        FxPainter.paint(scene, g);
    }
}
