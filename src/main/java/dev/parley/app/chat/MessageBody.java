package dev.parley.app.chat;

import dev.parley.app.emoji.EmojiData;
import dev.parley.app.emoji.EmojiImages;
import dev.parley.app.emoji.EmojiText;
import dev.parley.app.text.BodyNodes;
import dev.parley.app.text.ComplexScripts;
import dev.parley.app.text.DisplayText;
import dev.parley.app.text.Inline;
import dev.parley.app.text.SafeTextFlow;
import javafx.geometry.NodeOrientation;
import javafx.scene.Node;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of one bubble (docs/text.md): links, emoji as images, hostile characters as boxes, cut
 * into nodes JavaFX can wrap safely, in the direction of its first strong letter. One per cell,
 * refilled for each message it shows. FX thread only.
 */
final class MessageBody {
    /** Emoji height in text (14 px type) and in a message of one to three emoji only. */
    private static final double EMOJI = 18;
    private static final double JUMBO_EMOJI = 40;

    private final SafeTextFlow flow;
    private final Text plain = new Text();
    private final BodyNodes nodes;
    private final EmojiText emojiText = new EmojiText(EmojiData.get());

    /** @param notice shown if the text cannot be laid out at all */
    MessageBody(String notice, Consumer<String> browser, EmojiImages emoji) {
        flow = new SafeTextFlow(notice);
        flow.getStyleClass().add("bubble-text");
        plain.getStyleClass().add("body-text");
        nodes = new BodyNodes(browser, emoji::view);
    }

    Node node() {
        return flow;
    }

    void fill(String text) {
        List<Links.Part> parts = Links.split(text);
        // Each bubble is its own paragraph, in the direction of its first strong letter.
        flow.setNodeOrientation(DisplayText.isRightToLeft(text) ? NodeOrientation.RIGHT_TO_LEFT
                : NodeOrientation.LEFT_TO_RIGHT);
        boolean emoji = EmojiText.mayHaveEmoji(text);
        if (parts.size() == 1 && parts.getFirst().url() == null && !emoji && !ComplexScripts.containsComplex(text)
                && DisplayText.isClean(text)) {
            // Most messages are plain text: reuse one node, since a new one needs its CSS worked out.
            plain.setText(text);
            flow.show(List.of(plain), text);
            return;
        }
        List<Inline> inlines = new ArrayList<>();
        for (Links.Part part : parts) {
            List<Inline> pieces = new ArrayList<>();
            if (emoji) {
                emojiText.split(part.text(), part.url(), pieces);
            } else {
                pieces.add(new Inline.Chars(part.text(), part.url()));
            }
            for (Inline piece : pieces) {
                if (piece instanceof Inline.Chars c) {
                    DisplayText.append(c.text(), c.link(), inlines);
                } else {
                    inlines.add(piece);
                }
            }
        }
        // A message of one to three emoji and nothing else shows them large, as Telegram and Signal do.
        int only = emoji ? emojiText.onlyEmoji(text) : -1;
        flow.show(nodes.nodes(inlines, only >= 1 && only <= 3 ? JUMBO_EMOJI : EMOJI), text);
    }
}
