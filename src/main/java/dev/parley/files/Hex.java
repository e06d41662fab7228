package dev.parley.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Hashes, tokens and the only shapes of identifier that ever become part of a path: lower-case hex
 * of a fixed length, so no id can hold a separator, a dot or a drive letter.
 */
public final class Hex {
    /** Characters in a SHA-256 in hex. */
    public static final int SHA256_CHARS = 64;
    /** Characters in an upload token or a download key (128 random bits). */
    public static final int TOKEN_CHARS = 32;

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hex() {
    }

    /** Whether {@code s} is a SHA-256 written as 64 lower-case hex digits. */
    public static boolean isSha256(String s) {
        return isLowerHex(s, SHA256_CHARS);
    }

    /** Whether {@code s} has the shape of a token or key this host issues. */
    public static boolean isToken(String s) {
        return isLowerHex(s, TOKEN_CHARS);
    }

    /** A new unguessable token of {@link #TOKEN_CHARS} hex digits. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_CHARS / 2];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The digest's value as lower-case hex; the digest is reset. */
    public static String finish(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }

    private static boolean isLowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
