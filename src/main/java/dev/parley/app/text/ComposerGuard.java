package dev.parley.app.text;

import javafx.scene.control.TextArea;
import javafx.scene.control.skin.TextAreaSkin;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Keeps the composer from the right-to-left freeze ({@link WrapSafeSpans} explains the JavaFX bug).
 * A {@code TextArea} draws its whole text as one {@code Text} node, so it cannot be cut into safe
 * nodes as a bubble's text is. Instead, while the draft holds complex-script text (Arabic, Hebrew,
 * Indic, Thai, ...) that is wider than the composer, soft wrapping is turned off: the line scrolls
 * sideways instead of wrapping, which never splits a run. Everything else wraps as before. As a
 * second line of defence the skin catches a layout failure, turns wrapping off, logs once and lays
 * out again. Install once, on the FX thread.
 */
public final class ComposerGuard {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    /** Room kept for the caret, padding and a vertical scroll bar, beside the measured line. */
    private static final double SLACK = 40;
    /** Measured widths are taken this much wider, for a font other than the measured one. */
    private static final double MARGIN = 1.15;

    private final TextArea area;
    private final boolean wraps;
    private final Text measure = new Text();
    private boolean logged;

    private ComposerGuard(TextArea area) {
        this.area = area;
        this.wraps = area.isWrapText();
    }

    /**
     * Guards {@code area}; its wrapText as set now is what it returns to for safe text. The
     * listeners go in before the skin's own: the decision must be made, and the text node's
     * wrapping width cleared, before the skin hands the new text to its text node, or that node
     * may be measured once at the old wrapping width (the ScrollPane asks for its bounds).
     */
    public static void install(TextArea area) {
        ComposerGuard guard = new ComposerGuard(area);
        area.textProperty().addListener(obs -> guard.check());
        area.widthProperty().addListener(obs -> guard.check());
        area.fontProperty().addListener(obs -> guard.check());
        area.setSkin(guard.new GuardedSkin());
        guard.check();
    }

    private void check() {
        if (!wraps) {
            return;
        }
        if (needsUnwrapped(area.getText(), area.getFont(), area.getWidth())) {
            unwrap();
        } else {
            area.setWrapText(true);
        }
    }

    /** Turns wrapping off now, in the skin's text node too (the skin itself would wait for its next layout). */
    private void unwrap() {
        area.setWrapText(false);
        for (var node : area.lookupAll(".text")) {
            // The prompt's text node is bound to the prompt text; the draft's is set by the skin.
            if (node instanceof Text text && !text.textProperty().isBound()) {
                text.setWrappingWidth(0);
            }
        }
    }

    /** Whether some line of {@code text} holds complex text and is too wide for {@code width}. */
    boolean needsUnwrapped(String text, Font font, double width) {
        if (text == null || !ComplexScripts.containsComplex(text)) {
            return false;
        }
        measure.setFont(font);
        for (String line : text.split("\n", -1)) {
            if (!ComplexScripts.containsComplex(line)) {
                continue;
            }
            // An unwrapped Text never splits a run: measuring it is safe. Even one soft wrap in
            // complex text would split a run, so "fits" leaves a margin for the font actually used.
            measure.setText(line);
            if (width <= 0 || measure.getLayoutBounds().getWidth() * MARGIN > width - SLACK) {
                return true;
            }
        }
        return false;
    }

    private void failed(RuntimeException e) {
        if (!logged) {
            logged = true;
            LOG.log(System.Logger.Level.WARNING, "The composer's text could not be laid out; it no longer wraps: " + e);
        }
        unwrap();
    }

    /** The stock skin with every layout entry point guarded. */
    private final class GuardedSkin extends TextAreaSkin {
        GuardedSkin() {
            super(area);
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            try {
                super.layoutChildren(x, y, w, h);
            } catch (RuntimeException e) {
                failed(e);
                super.layoutChildren(x, y, w, h);
            }
        }

        @Override
        protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
            try {
                return super.computePrefHeight(width, top, right, bottom, left);
            } catch (RuntimeException e) {
                failed(e);
                return super.computePrefHeight(width, top, right, bottom, left);
            }
        }

        @Override
        protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
            try {
                return super.computePrefWidth(height, top, right, bottom, left);
            } catch (RuntimeException e) {
                failed(e);
                return super.computePrefWidth(height, top, right, bottom, left);
            }
        }
    }
}
