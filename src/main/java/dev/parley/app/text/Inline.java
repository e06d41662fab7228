package dev.parley.app.text;

/** One piece of a message body as it is drawn, in reading order. */
public sealed interface Inline {

    /** The link this piece belongs to (the URL it opens), or {@code null}. */
    String link();

    /** Text drawn as it is. */
    record Chars(String text, String link) implements Inline {
    }

    /**
     * A visible stand-in for a character that would otherwise be invisible or act on the text
     * around it (a control character, a bidi override, a tag character).
     *
     * @param label       the short text in the box, e.g. {@code ␛} or {@code RLO}
     * @param codePoint   the character it stands for
     */
    record Hidden(String label, int codePoint, String link) implements Inline {
    }

    /** An emoji (one grapheme cluster) drawn as an image. */
    record Emoji(String sequence, String link) implements Inline {
    }
}
