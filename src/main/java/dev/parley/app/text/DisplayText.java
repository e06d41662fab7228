package dev.parley.app.text;

import java.util.List;

/**
 * What a message's text looks like on screen when it cannot be trusted (issue 15, item 11). The
 * text on the wire and in Copy stays exactly as sent; only what is drawn changes:
 * <ul>
 *   <li>C0 and C1 control characters and DEL become small boxes with their short names
 *       ({@code ESC}, {@code BEL}) or hex codes ({@code 9B}); so an ANSI or OSC escape shows as
 *       {@code [ESC][31m}, harmless text.</li>
 *   <li>Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO LRI RLI FSI PDI) show as
 *       boxed names and lose their effect, so {@code invoice_\u202Egpj.exe} reads
 *       {@code invoice_[RLO]gpj.exe}, not {@code invoice_exe.jpg}. Each bubble is its own paragraph
 *       with its own direction, so nothing in it can reorder another row or the name beside it.</li>
 *   <li>Tag characters and invisible format characters that only hide content (ZWSP, word joiner,
 *       BOM, the deprecated format controls) show as boxes; ZWJ and ZWNJ, which scripts need, stay.
 *       Variation selectors left over after emoji are found are not drawn (JavaFX would draw a
 *       box for them).</li>
 *   <li>A base character keeps at most {@link #MAX_MARKS} combining marks; the rest are counted in a
 *       small {@code +N} box, so 4,000-mark "zalgo" cannot smear over other rows.</li>
 * </ul>
 */
public final class DisplayText {
    /** Enough for Vietnamese, pointed Hebrew with cantillation, Arabic with harakat, Indic clusters. */
    static final int MAX_MARKS = 5;
    /** The control characters' short names: readable in a 10 px box, where control pictures are not. */
    private static final String[] C0 = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
            "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
            "ESC", "FS", "GS", "RS", "US"};

    private DisplayText() {
    }

    /** Whether {@code text} draws exactly as it is (no stand-ins and no marks to cap). */
    public static boolean isClean(String text) {
        int marks = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (label(cp) != null || cp == '\r' || cp == 0x2028 || cp == 0x2029 || (cp >= 0xfe00 && cp <= 0xfe0f)
                    || (cp >= 0xe0100 && cp <= 0xe01ef)) {
                return false;
            }
            marks = isMark(cp) ? marks + 1 : 0;
            if (marks > MAX_MARKS) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Whether a bubble showing {@code text} reads right to left: its first strong character is
     * right-to-left (HTML's {@code dir=auto}, as Telegram and Signal do).
     */
    public static boolean isRightToLeft(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (Character.getDirectionality(cp)) {
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT -> {
                    return false;
                }
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC -> {
                    return true;
                }
                default -> i += Character.charCount(cp);
            }
        }
        return false;
    }

    /** Appends the drawn form of {@code text} (which belongs to {@code link}, or null) to {@code out}. */
    public static void append(String text, String link, List<Inline> out) {
        StringBuilder run = new StringBuilder();
        int marks = 0;
        int dropped = 0;
        int firstDropped = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                if (++marks > MAX_MARKS) {
                    if (dropped++ == 0) {
                        firstDropped = cp;
                    }
                    continue;
                }
            } else {
                marks = 0;
                if (dropped > 0) {
                    flush(run, link, out);
                    out.add(new Inline.Hidden("+" + dropped, firstDropped, link));
                    dropped = 0;
                }
            }
            if (cp == '\r') {
                if (i < text.length() && text.charAt(i) == '\n') {
                    continue;
                }
                run.append('\n');
            } else if (cp == 0x2028 || cp == 0x2029) {
                run.append('\n');
            } else if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) {
                continue;
            } else if (label(cp) instanceof String label) {
                flush(run, link, out);
                out.add(new Inline.Hidden(label, cp, link));
            } else {
                run.appendCodePoint(cp);
            }
        }
        if (dropped > 0) {
            flush(run, link, out);
            out.add(new Inline.Hidden("+" + dropped, firstDropped, link));
        }
        flush(run, link, out);
    }

    private static void flush(StringBuilder run, String link, List<Inline> out) {
        if (!run.isEmpty()) {
            out.add(new Inline.Chars(run.toString(), link));
            run.setLength(0);
        }
    }

    static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** The stand-in drawn for {@code cp}, or {@code null} if it is drawn as itself. */
    static String label(int cp) {
        if (cp == '\n' || cp == '\t') {
            return null;
        }
        if (cp < 0x20) {
            return C0[cp];
        }
        if (cp == 0x7f) {
            return "DEL";
        }
        if (cp >= 0x80 && cp <= 0x9f) {
            return String.format("%02X", cp);
        }
        if (cp >= 0xe0000 && cp <= 0xe007f) {
            return "TAG";
        }
        return switch (cp) {
            case 0x202a -> "LRE";
            case 0x202b -> "RLE";
            case 0x202c -> "PDF";
            case 0x202d -> "LRO";
            case 0x202e -> "RLO";
            case 0x2066 -> "LRI";
            case 0x2067 -> "RLI";
            case 0x2068 -> "FSI";
            case 0x2069 -> "PDI";
            case 0x200b -> "ZWSP";
            case 0x2060 -> "WJ";
            case 0xfeff -> "BOM";
            case 0x206a, 0x206b, 0x206c, 0x206d, 0x206e, 0x206f, 0xfff9, 0xfffa, 0xfffb, 0x180e,
                 0x2061, 0x2062, 0x2063, 0x2064 -> String.format("%04X", cp);
            default -> null;
        };
    }
}
