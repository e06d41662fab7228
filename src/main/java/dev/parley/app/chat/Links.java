package dev.parley.app.chat;

import org.nibor.autolink.LinkExtractor;
import org.nibor.autolink.LinkSpan;
import org.nibor.autolink.LinkType;
import org.nibor.autolink.Span;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Splits message text into plain runs and links, with autolink-java: it knows where a link ends
 * (balanced parentheses as in {@code https://en.wikipedia.org/wiki/Java_(programming_language)},
 * trailing punctuation left out, {@code (see https://x.org)} without the closing parenthesis).
 *
 * <p>What becomes a link: {@code http://} and {@code https://} URLs; {@code www.} addresses without
 * a scheme (opened as {@code https://}); and e-mail addresses, opened as {@code mailto:} in the
 * person's mail program, as Telegram and Signal do. Any other scheme ({@code file:},
 * {@code javascript:}, {@code ftp://}) stays plain text: a peer's text never opens anything but a
 * web page or a new e-mail.
 */
final class Links {
    private static final LinkExtractor EXTRACTOR = LinkExtractor.builder()
            .linkTypes(EnumSet.of(LinkType.URL, LinkType.WWW, LinkType.EMAIL))
            .build();

    /** A piece of text; {@code url} is what it opens for a link, else {@code null}. */
    record Part(String text, String url) {
    }

    private Links() {
    }

    static List<Part> split(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (Span span : EXTRACTOR.extractSpans(text)) {
            String piece = text.substring(span.getBeginIndex(), span.getEndIndex());
            String url = span instanceof LinkSpan link ? target(link.getType(), piece) : null;
            if (url == null) {
                plain.append(piece);
                continue;
            }
            if (!plain.isEmpty()) {
                parts.add(new Part(plain.toString(), null));
                plain.setLength(0);
            }
            parts.add(new Part(piece, url));
        }
        if (!plain.isEmpty() || parts.isEmpty()) {
            parts.add(new Part(plain.toString(), null));
        }
        return parts;
    }

    private static String target(LinkType type, String text) {
        return switch (type) {
            case URL -> {
                String lower = text.toLowerCase(Locale.ROOT);
                yield lower.startsWith("https://") || lower.startsWith("http://") ? text : null;
            }
            case WWW -> "https://" + text;
            case EMAIL -> "mailto:" + text;
        };
    }
}
