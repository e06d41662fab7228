package dev.parley.protocol;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Parley's reading of the protocol's nick rules: stricter than {@code PROTOCOL.md} asks, so that a
 * name cannot be invisible, broken or a look-alike of someone else's (docs/protocol.md, "Names").
 * Pure functions; any thread. The confusables table is loaded on the first {@link #key} call.
 *
 * <ol>
 *   <li>{@link #normalize}: NFC first, then trim ({@link String#strip}); this is the nick the room
 *       shows and sends in events.</li>
 *   <li>{@link #check}: 1 to 32 code points; no lone surrogate; no default-ignorable code point
 *       (zero-width characters, bidi controls, variation selectors, CGJ, tags, Hangul fillers);
 *       only letters, combining marks, decimal digits, space, {@code _ - .}; at least one letter
 *       or digit; each combining mark after a letter, digit or mark, at most
 *       {@value #MAX_MARKS_PER_BASE} in a row.</li>
 *   <li>{@link #key}: what two nicks are compared by. Equal keys are the same name.</li>
 * </ol>
 */
public final class NickRules {
    /** Most combining marks one base character of a name may carry (stops "zalgo" names). */
    public static final int MAX_MARKS_PER_BASE = 4;

    private static final int MAX_SKELETON_ROUNDS = 3;

    private NickRules() {
    }

    /** The nick as the room will show it: NFC, then trimmed. Not checked. */
    public static String normalize(String nick) {
        return Confusables.normalize(nick, Normalizer.Form.NFC).strip();
    }

    /** What is wrong with {@code nick} (as the person typed it), or {@code null} when it is a valid name. */
    public static NickProblem check(String nick) {
        if (nick == null) {
            return NickProblem.EMPTY;
        }
        if (CodePoints.loneSurrogateAt(nick) >= 0) {
            return NickProblem.BROKEN_CHARACTER;
        }
        String name = normalize(nick);
        if (name.isEmpty()) {
            return NickProblem.EMPTY;
        }
        if (name.codePointCount(0, name.length()) > Limits.MAX_NICK) {
            return NickProblem.TOO_LONG;
        }
        if (name.codePoints().anyMatch(CodePoints::isDefaultIgnorable)) {
            return NickProblem.INVISIBLE_CHARACTER;
        }
        if (!name.codePoints().allMatch(NickRules::isAllowed)) {
            return NickProblem.OTHER_CHARACTER;
        }
        if (name.codePoints().noneMatch(NickRules::isLetterOrDigit)) {
            return NickProblem.NO_LETTER_OR_DIGIT;
        }
        return markProblem(name);
    }

    /**
     * The key two nicks are compared by: equal keys are the same name, whichever of them is in the
     * room first. It is the TR39 confusables skeleton of the case-folded nick (repeated until it
     * settles), without the accents of the generic combining-diacritics blocks, with runs of
     * white space made one space. So "alice", "ALICE", Cyrillic "аlice", fullwidth "ａｌｉｃｅ",
     * "alıce" and "álice" share one key, as do "Straße" and "STRASSE".
     *
     * <p>Total: any string has a key, valid nick or not (a client keys what other hosts send).
     */
    public static String key(String nick) {
        String s = normalize(nick);
        for (int round = 0; round < MAX_SKELETON_ROUNDS; round++) {
            String next = Confusables.skeleton(fold(s));
            if (next.equals(s)) {
                break;
            }
            s = next;
        }
        return withoutAccentsAndSpaceRuns(s);
    }

    private static boolean isAllowed(int cp) {
        return isLetterOrDigit(cp) || CodePoints.isMark(cp) || cp == ' ' || cp == '_' || cp == '-' || cp == '.';
    }

    private static boolean isLetterOrDigit(int cp) {
        return Character.isLetter(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
    }

    private static NickProblem markProblem(String name) {
        int run = 0;
        boolean base = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (CodePoints.isMark(cp)) {
                if (!base) {
                    return NickProblem.STRAY_MARK;
                }
                if (++run > MAX_MARKS_PER_BASE) {
                    return NickProblem.TOO_MANY_MARKS;
                }
            } else {
                base = isLetterOrDigit(cp);
                run = 0;
            }
        }
        return null;
    }

    /**
     * Full case folding per code point: lower, upper, lower again, each in the root locale and
     * without context (so a final sigma folds like any sigma, and ß and ẞ become "ss").
     */
    static String fold(String s) {
        var out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
            } else {
                out.append(Character.toString(cp).toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /** Drops generic diacritics (the skeleton is NFD, so they are separate code points) and folds white space. */
    private static String withoutAccentsAndSpaceRuns(String skeleton) {
        var out = new StringBuilder(skeleton.length());
        boolean space = false;
        for (int i = 0; i < skeleton.length(); ) {
            int cp = skeleton.codePointAt(i);
            i += Character.charCount(cp);
            if (isGenericDiacritic(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * The combining marks Latin, Greek and Cyrillic letters take: Combining Diacritical Marks and
     * its Extended and Supplement blocks, the marks for symbols and the half marks. Marks of other
     * scripts (Devanagari vowel signs, Thai, Hebrew points) stay: there they make another word.
     */
    static boolean isGenericDiacritic(int cp) {
        return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF)
                || (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF)
                || (cp >= 0xFE20 && cp <= 0xFE2F);
    }
}
