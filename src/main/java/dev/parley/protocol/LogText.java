package dev.parley.protocol;

/**
 * Makes a string a peer sent (a nick, an error message, a client name) safe to put in a log line:
 * it stays on one line, cannot forge another log record, cannot send escape sequences to the
 * operator's terminal and cannot flood the log with one huge value. Pure functions; any thread.
 *
 * <ul>
 *   <li>Escaped as {@code \n \r \t \e \\} or {@code \}{@code uXXXX} / {@code \}{@code u{XXXXX}}:
 *       the backslash itself, C0 controls, DEL, C1 controls (so ESC and CSI sequences lose their
 *       lead byte), line and paragraph separators, format characters (bidi controls, zero-width
 *       characters, tags, the byte order mark), every other default-ignorable code point
 *       (variation selectors, Hangul fillers) and lone surrogates.</li>
 *   <li>Cut after {@value #DEFAULT_MAX} code points (or a given number), followed by
 *       {@code "… (N more)"} where N counts the code points left out.</li>
 * </ul>
 */
public final class LogText {
    /** Code points of a peer's string that a log line shows before cutting it. */
    public static final int DEFAULT_MAX = 200;

    private LogText() {
    }

    /** {@code value} made safe for a log line, at most {@value #DEFAULT_MAX} code points of it; {@code "null"} for null. */
    public static String safe(String value) {
        return safe(value, DEFAULT_MAX);
    }

    /** {@code value} made safe for a log line, at most {@code max} code points of it; {@code "null"} for null. */
    public static String safe(String value, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        if (value == null) {
            return "null";
        }
        var out = new StringBuilder(Math.min(value.length(), max) + 16);
        int shown = 0;
        int i = 0;
        while (i < value.length() && shown < max) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            appendEscaped(cp, out);
        }
        if (i < value.length()) {
            out.append("… (").append(value.codePointCount(i, value.length())).append(" more)");
        }
        return out.toString();
    }

    private static void appendEscaped(int cp, StringBuilder out) {
        switch (cp) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x1B -> out.append("\\e");
            default -> {
                if (needsEscape(cp)) {
                    out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\u{%X}", cp));
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }

    private static boolean needsEscape(int cp) {
        if (CodePoints.isDefaultIgnorable(cp)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }
}
