package dev.parley.app.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits message text into plain runs and web links. */
final class Links {
    private static final Pattern LINK = Pattern.compile("\\b(?:https?://|www\\.)[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?)]}'\"";

    /** A piece of text; {@code url} is set for a link. */
    record Part(String text, String url) {
    }

    private Links() {
    }

    static List<Part> split(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        int at = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (m.start() > at) {
                parts.add(new Part(text.substring(at, m.start()), null));
            }
            String link = text.substring(m.start(), end);
            parts.add(new Part(link, link.regionMatches(true, 0, "www.", 0, 4) ? "https://" + link : link));
            at = end;
        }
        if (at < text.length()) {
            parts.add(new Part(text.substring(at), null));
        }
        return parts;
    }
}
