package dev.parley.app.text;

import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * A {@code TextFlow} that contains its own layout failures. JavaFX text layout has had bugs that
 * throw for some inputs (JDK-8314215's trailing-space code with wrapped right-to-left text, see
 * {@link WrapSafeSpans}); thrown during a pulse, such an exception aborts the layout of the whole
 * scene, and since the row stays dirty it is thrown again on every pulse: every window freezes.
 *
 * <p>Here every layout entry point catches a {@link RuntimeException}, replaces the content with
 * the text alone in plain lines ({@link #plainLines}: hard breaks, nothing for the layout to wrap or
 * reorder across nodes) and tries again; if even that fails, with a fixed notice. The failure is
 * logged once per distinct text, not per pulse. It guards against layout bugs nobody knows yet as
 * well as this one. FX thread only.
 */
public class SafeTextFlow extends TextFlow {
    private static final System.Logger LOG = System.getLogger("dev.parley.app");
    /** Texts whose failure was already logged, so a row scrolled past again is not logged again. */
    private static final Set<Integer> LOGGED = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > 256;
        }
    });
    /** A plain line never holds more grapheme clusters than this, so it needs no wrapping at any width. */
    static final int PLAIN_LINE = 16;
    /**
     * The narrowest width text is wrapped to. Below a word's width JavaFX must split the word's run
     * (see {@link WrapSafeSpans}), and {@code TextFlow} wraps to 1 px before its first layout. A
     * flow given less for text that must wrap lets it overflow (the cell clips it) rather than wrap narrower.
     */
    public static final double MIN_WRAP = 160;

    private final String notice;
    private String plain = "";
    /** 0: the content as given; 1: plain lines; 2: the notice. */
    private int fallback;

    /** @param notice what to show if even the plain text cannot be laid out (from the bundle) */
    public SafeTextFlow(String notice) {
        this.notice = notice;
        setWidth(MIN_WRAP);
    }

    /** Shows {@code nodes}; {@code plain} is their text, shown instead if laying them out fails. */
    public void show(List<? extends Node> nodes, String plain) {
        this.plain = plain;
        this.fallback = 0;
        ObservableList<Node> children = getChildren();
        if (children.size() != nodes.size() || !children.equals(nodes)) {
            // The width may be one the old content fitted unwrapped (a short "hi"): until the next
            // layout pass gives this content its width, wrap no narrower than MIN_WRAP.
            super.setWidth(Math.max(getWidth(), MIN_WRAP));
            children.setAll(nodes);
        }
    }

    /** Whether the content shown is a fallback after a layout failure. */
    public boolean isFallback() {
        return fallback > 0;
    }

    @Override
    protected double computePrefWidth(double height) {
        return guarded(() -> super.computePrefWidth(height));
    }

    @Override
    protected double computePrefHeight(double width) {
        return guarded(() -> super.computePrefHeight(width < 0 ? width : wrapWidth(width)));
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void setWidth(double value) {
        super.setWidth(wrapWidth(value));
    }

    /** {@code width}, or {@link #MIN_WRAP} if the text would have to wrap narrower than that. */
    private double wrapWidth(double width) {
        if (width >= MIN_WRAP) {
            return width;
        }
        // Unwrapped, the layout never splits a run: asking for the natural width is safe.
        double natural = guarded(() -> super.computePrefWidth(-1));
        return natural <= width ? width : MIN_WRAP;
    }

    @Override
    protected double computeMinWidth(double height) {
        return guarded(() -> super.computeMinWidth(height));
    }

    @Override
    protected void layoutChildren() {
        guarded(() -> {
            super.layoutChildren();
            return 0;
        });
    }

    private double guarded(DoubleSupplier layout) {
        while (true) {
            try {
                return layout.getAsDouble();
            } catch (RuntimeException e) {
                if (fallback >= 2) {
                    throw e;
                }
                if (LOGGED.add(plain.hashCode())) {
                    LOG.log(System.Logger.Level.WARNING, "A message could not be laid out and is shown as plain "
                            + "text instead (" + plain.length() + " characters): " + e);
                }
                fallback++;
                Text text = new Text(fallback == 1 ? plainLines(plain) : notice);
                text.getStyleClass().add("body-text");
                getChildren().setAll(text);
            }
        }
    }

    /** {@code text} with a hard line break after every {@link #PLAIN_LINE} grapheme clusters. */
    static String plainLines(String text) {
        var graphemes = java.text.BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        StringBuilder out = new StringBuilder(text.length() + text.length() / PLAIN_LINE + 1);
        int count = 0;
        int start = graphemes.first();
        for (int end = graphemes.next(); end != java.text.BreakIterator.DONE; start = end, end = graphemes.next()) {
            String cluster = text.substring(start, end);
            if (cluster.equals("\n")) {
                count = 0;
            } else if (count == PLAIN_LINE) {
                out.append('\n');
                count = 0;
            }
            out.append(cluster);
            count++;
        }
        return out.toString();
    }
}
