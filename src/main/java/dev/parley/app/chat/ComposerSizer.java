package dev.parley.app.chat;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Grows the composer with the lines its text takes once wrapped, hard breaks or not, up to
 * {@link #MAX_ROWS}; past that it scrolls. A pasted paragraph shows whole instead of sitting in a
 * one-line box with its first line cut.
 *
 * <p>The wrapped height is only known after a layout pass at the composer's width, so the rows are
 * worked out after each layout in which the text or the width changed; a new row count lays the
 * window out once more. FX thread only.
 */
final class ComposerSizer {
    /** Most rows the composer grows to before it scrolls. */
    static final int MAX_ROWS = 8;

    private final TextArea composer;
    private final Runnable afterLayout = this::afterLayout;
    private boolean dirty = true;

    ComposerSizer(TextArea composer) {
        this.composer = composer;
        composer.textProperty().addListener((obs, old, now) -> dirty = true);
        composer.widthProperty().addListener((obs, old, now) -> dirty = true);
        composer.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
            }
        });
        Scene scene = composer.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(afterLayout);
        }
    }

    private void afterLayout() {
        if (!dirty || !(composer.lookup(".content") instanceof Region content) || content.getWidth() <= 0) {
            return;
        }
        dirty = false;
        int rows = Math.max(1, Math.min(MAX_ROWS, rows(content)));
        if (rows != composer.getPrefRowCount()) {
            composer.setPrefRowCount(rows);
        }
    }

    /**
     * How many lines the text takes, wrapped at the composer's current width: the height of the
     * skin's paragraph texts (the content region's own preferred height would include the current
     * row count, so it never shrinks) over the height of one line.
     */
    private int rows(Region content) {
        double textHeight = 0;
        for (Node child : content.getChildrenUnmodifiable()) {
            if (child instanceof Group group) {
                for (Node n : group.getChildren()) {
                    if (n instanceof Text t) {
                        textHeight += t.getLayoutBounds().getHeight();
                    }
                }
            }
        }
        Text probe = new Text("X");
        probe.setFont(composer.getFont());
        double line = probe.getLayoutBounds().getHeight();
        return (int) Math.round(textHeight / line);
    }
}
