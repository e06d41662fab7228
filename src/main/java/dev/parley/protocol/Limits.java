package dev.parley.protocol;

/**
 * The protocol's fixed limits and the checks that go with them. Pure functions, no state; any
 * thread. The nick and text rules themselves live in {@link NickRules} and {@link TextRules}.
 */
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

    private Limits() {
    }

    /**
     * The nick as the room will use it (NFC, trimmed), or {@code null} if it is not allowed.
     *
     * @see NickRules
     */
    public static String normalizeNick(String nick) {
        return NickRules.check(nick) == null ? NickRules.normalize(nick) : null;
    }

    /** A sentence saying what is wrong with {@code nick}, or {@code null} if it is valid. */
    public static String nickProblem(String nick) {
        NickProblem problem = NickRules.check(nick);
        return problem == null ? null : problem.sentence();
    }

    /**
     * The key under which nicks are compared: equal keys are the same name (case, look-alike
     * letters and accents ignored; see {@link NickRules#key}). Defined for any string.
     */
    public static String nickKey(String nick) {
        return NickRules.key(nick);
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

    /**
     * A sentence saying what is wrong with a message text, or {@code null} if it may be sent.
     *
     * @see TextRules
     */
    public static String textProblem(String text) {
        TextProblem problem = TextRules.check(text);
        return problem == null ? null : problem.sentence();
    }
}
