package dev.parley.protocol;

import java.util.regex.Pattern;

/** The protocol's fixed limits and the checks that go with them. Pure functions, no state. */
public final class Limits {
    /** Largest frame a client may send, newline included. */
    public static final int MAX_FRAME = 65_536;
    /** Largest frame a client accepts from a server (a big room's {@code welcome}). */
    public static final int MAX_SERVER_FRAME = 16 * 1024 * 1024;
    /** Most Unicode code points in one message. */
    public static final int MAX_TEXT = 4_000;
    /** Most characters in a nick after trimming. */
    public static final int MAX_NICK = 32;
    /** Most characters in a client-chosen message id. */
    public static final int MAX_ID = 64;
    /** Default TCP port of a Parley host. */
    public static final int DEFAULT_PORT = 7770;

    /** Letters (with their combining marks, as many scripts need), digits, space, {@code _ - .}. */
    private static final Pattern NICK = Pattern.compile("[\\p{L}\\p{M}\\p{Nd} _.\\-]+");

    private Limits() {
    }

    /** The nick as the room will use it (trimmed), or {@code null} if it is not allowed. */
    public static String normalizeNick(String nick) {
        if (nick == null) {
            return null;
        }
        String trimmed = nick.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        return length >= 1 && length <= MAX_NICK && NICK.matcher(trimmed).matches() ? trimmed : null;
    }

    /** A sentence saying what a valid nick looks like, or {@code null} if {@code nick} is valid. */
    public static String nickProblem(String nick) {
        String trimmed = nick == null ? "" : nick.strip();
        if (trimmed.isEmpty()) {
            return "A name needs at least one character.";
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NICK) {
            return "A name can be at most " + MAX_NICK + " characters long.";
        }
        if (normalizeNick(trimmed) == null) {
            return "A name can only hold letters, digits, spaces and _ - .";
        }
        return null;
    }

    /** The key under which nicks are compared: case-insensitive. */
    public static String nickKey(String nick) {
        return nick.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@code id} is 1 to {@value #MAX_ID} characters, each {@code A-Z a-z 0-9 _ -}. */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** A sentence saying what is wrong with a message text, or {@code null} if it may be sent. */
    public static String textProblem(String text) {
        if (text == null || text.isBlank()) {
            return "A message cannot be empty.";
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
            return "A message can be at most " + MAX_TEXT + " characters long.";
        }
        return null;
    }
}
