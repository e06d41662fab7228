package dev.parley.app.text;

import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/**
 * Turns a body's {@link Inline}s into the nodes of a {@link SafeTextFlow}: text cut where
 * {@link WrapSafeSpans} says, links as clickable text (so they wrap like any text), hidden
 * characters as small boxes, emoji as images. FX thread only.
 */
public final class BodyNodes {
    /** The character a {@code TextFlow} counts for a child that is not text. */
    private static final char OBJECT = '\uFFFC';
    /** The body text's size in the stylesheet ({@code .bubble-text .body-text}). */
    private static final double BODY_FONT_SIZE = 14;

    private final Consumer<String> browser;
    private final BiFunction<String, Double, Node> emoji;
    private final Text measure = new Text();

    /**
     * @param browser opens a link
     * @param emoji   the node for an emoji sequence at a size in px, or {@code null} to draw it as text
     */
    public BodyNodes(Consumer<String> browser, BiFunction<String, Double, Node> emoji) {
        this.browser = browser;
        this.emoji = emoji;
        measure.setFont(Font.font(BODY_FONT_SIZE));
    }

    /** The nodes for {@code inlines}, emoji drawn {@code emojiSize} px high. */
    public List<Node> nodes(List<Inline> inlines, double emojiSize) {
        List<Node> emojiNodes = new ArrayList<>(inlines.size());
        StringBuilder flowText = new StringBuilder();
        for (Inline inline : inlines) {
            Node image = inline instanceof Inline.Emoji e && emoji != null ? emoji.apply(e.sequence(), emojiSize) : null;
            emojiNodes.add(image);
            switch (inline) {
                case Inline.Chars c -> flowText.append(c.text());
                case Inline.Emoji e -> flowText.append(image != null ? String.valueOf(OBJECT) : e.sequence());
                case Inline.Hidden h -> flowText.append(OBJECT);
            }
        }
        BitSet cuts = WrapSafeSpans.cuts(flowText.toString(), this::width);
        List<Node> nodes = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < inlines.size(); i++) {
            Inline inline = inlines.get(i);
            switch (inline) {
                case Inline.Chars c -> {
                    addText(nodes, c.text(), at, cuts, c.link());
                    at += c.text().length();
                }
                case Inline.Emoji e -> {
                    Node image = emojiNodes.get(i);
                    if (image != null) {
                        nodes.add(linked(image, e.link()));
                        at++;
                    } else {
                        addText(nodes, e.sequence(), at, cuts, e.link());
                        at += e.sequence().length();
                    }
                }
                case Inline.Hidden h -> {
                    Label box = new Label(h.label());
                    box.getStyleClass().add("hidden-char");
                    box.setAccessibleText(String.format("U+%04X", h.codePoint()));
                    nodes.add(linked(box, h.link()));
                    at++;
                }
            }
        }
        return nodes;
    }

    /** Unwrapped width in the body's font size: an unwrapped Text never splits a run, so this is safe. */
    private double width(String text) {
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    private void addText(List<Node> nodes, String text, int offset, BitSet cuts, String link) {
        int from = 0;
        for (int cut = cuts.nextSetBit(offset + 1); cut != -1 && cut < offset + text.length(); cut = cuts.nextSetBit(cut + 1)) {
            nodes.add(text(text.substring(from, cut - offset), link));
            from = cut - offset;
        }
        nodes.add(text(text.substring(from), link));
    }

    private Node text(String text, String link) {
        Text node = new Text(text);
        node.getStyleClass().add(link == null ? "body-text" : "body-link");
        return linked(node, link);
    }

    private Node linked(Node node, String link) {
        if (link != null) {
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> browser.accept(link));
            if (!node.getStyleClass().contains("body-link")) {
                node.getStyleClass().add("body-link");
            }
        }
        return node;
    }
}
