package dev.parley.app.emoji;

import dev.parley.app.text.Inline;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the emoji in text, one grapheme cluster each (java.text.BreakIterator follows Unicode's
 * extended grapheme clusters since JDK 20: a ZWJ family, a flag, a skin-toned hand, a keycap are one
 * cluster each), and decides which are drawn as images:
 * <ul>
 *   <li>a cluster with U+FE0E (text presentation) stays text;</li>
 *   <li>a cluster the set has an image for becomes that image if it asks for emoji presentation
 *       (U+FE0F, a ZWJ, a skin tone, a keycap, a flag, or a first character that is emoji by default);
 *       so {@code ©} and {@code 1} stay text but {@code ©️} and {@code 1️⃣} do not;</li>
 *   <li>a sequence the set lacks (a newer ZWJ sequence) falls back to its parts, each an image if
 *       the set has it, the rest text; the joiners themselves are dropped.</li>
 * </ul>
 */
public final class EmojiText {
    private final EmojiData data;

    public EmojiText(EmojiData data) {
        this.data = data;
    }

    /** Whether {@code text} may hold an emoji at all: a cheap test for the common plain message. */
    public static boolean mayHaveEmoji(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= 0xa9 && (Character.isExtendedPictographic(cp) || isRegional(cp) || cp == 0x20e3 || cp == 0xfe0f)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Appends {@code text} (part of {@code link}, or null) to {@code out} as text and emoji pieces. */
    public void split(String text, String link, List<Inline> out) {
        BreakIterator clusters = BreakIterator.getCharacterInstance();
        clusters.setText(text);
        StringBuilder plain = new StringBuilder();
        int start = clusters.first();
        for (int end = clusters.next(); end != BreakIterator.DONE; start = end, end = clusters.next()) {
            String cluster = text.substring(start, end);
            List<String> images = images(cluster);
            if (images == null) {
                plain.append(cluster);
                continue;
            }
            for (String piece : images) {
                if (data.file(piece) != null) {
                    flush(plain, link, out);
                    out.add(new Inline.Emoji(piece, link));
                } else {
                    plain.append(piece);
                }
            }
        }
        flush(plain, link, out);
    }

    /** How many emoji images {@code text} holds if it holds nothing else but spaces; else -1. */
    public int onlyEmoji(String text) {
        List<Inline> pieces = new ArrayList<>();
        split(text, null, pieces);
        int count = 0;
        for (Inline piece : pieces) {
            switch (piece) {
                case Inline.Emoji e -> count++;
                case Inline.Chars c -> {
                    if (!c.text().isBlank()) {
                        return -1;
                    }
                }
                case Inline.Hidden h -> {
                    return -1;
                }
            }
        }
        return count;
    }

    /** The pieces {@code cluster} is drawn as, or {@code null} to draw it as text. */
    private List<String> images(String cluster) {
        int first = cluster.codePointAt(0);
        if (first < 0xa9 && cluster.length() == 1 || cluster.indexOf('\uFE0E') >= 0) {
            return null;
        }
        if (data.file(cluster) != null) {
            return wantsEmoji(cluster) ? List.of(cluster) : null;
        }
        if (cluster.indexOf('\u200D') < 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : cluster.split("\u200D")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static boolean wantsEmoji(String cluster) {
        int first = cluster.codePointAt(0);
        if (Character.isEmojiPresentation(first) || isRegional(first)) {
            return true;
        }
        return cluster.codePoints().anyMatch(cp -> cp == 0xfe0f || cp == 0x200d || cp == 0x20e3
                || Character.isEmojiModifier(cp) || (cp >= 0xe0020 && cp <= 0xe007f));
    }

    private static boolean isRegional(int cp) {
        return cp >= 0x1f1e6 && cp <= 0x1f1ff;
    }

    private static void flush(StringBuilder plain, String link, List<Inline> out) {
        if (!plain.isEmpty()) {
            out.add(new Inline.Chars(plain.toString(), link));
            plain.setLength(0);
        }
    }
}
