package dev.parley.protocol;

/**
 * The rules for the {@code text} of a {@code send}: 1 to {@value Limits#MAX_TEXT} code points, no
 * lone surrogate, at least one visible character ({@link CodePoints#isVisible}). Nothing else
 * is refused or changed: the text travels as the sender wrote it. Pure functions; any thread.
 */
public final class TextRules {
    private TextRules() {
    }

    /** What is wrong with {@code text}, or {@code null} when it may be sent. */
    public static TextProblem check(String text) {
        if (text == null || text.isEmpty()) {
            return TextProblem.EMPTY;
        }
        if (CodePoints.loneSurrogateAt(text) >= 0) {
            return TextProblem.BROKEN_CHARACTER;
        }
        // A text has at most as many code points as chars: count them only when that could be too many.
        if (text.length() > Limits.MAX_TEXT && text.codePointCount(0, text.length()) > Limits.MAX_TEXT) {
            return TextProblem.TOO_LONG;
        }
        return isBlank(text) ? TextProblem.BLANK : null;
    }

    /**
     * Whether {@code text} draws nothing a person could read: it has no visible code point, only
     * white space (no-break spaces included), invisible characters and combining marks.
     */
    public static boolean isBlank(String text) {
        // A loop, not codePoints().noneMatch(..): this runs for every message the host relays, and
        // the stream cost an allocation and a pipeline set-up each time (seen in a CPU profile).
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (CodePoints.isVisible(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
