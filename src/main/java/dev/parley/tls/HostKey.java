package dev.parley.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A host's identity: the SHA-256 of its certificate's SubjectPublicKeyInfo, as 64 lowercase hex
 * digits. It names the key, not the certificate, so a renewed certificate for the same key keeps it
 * (the same value as {@code openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum}).
 * Immutable; any thread.
 */
public record HostKey(String hex) {
    /** Hex digits in a host key. */
    public static final int HEX_LENGTH = 64;
    private static final Pattern LOWER_HEX = Pattern.compile("[0-9a-f]{64}");

    /** @throws IllegalArgumentException unless {@code hex} is exactly 64 lowercase hex digits */
    public HostKey {
        if (hex == null || !LOWER_HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("A host key is 64 lowercase hex digits.");
        }
    }

    /**
     * Reads a key a person or a script typed: surrounding white space is ignored and upper case is
     * accepted.
     *
     * @throws IllegalArgumentException for anything else than 64 hex digits
     */
    public static HostKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("A host key is 64 hex digits.");
        }
        String trimmed = text.strip();
        if (trimmed.length() != HEX_LENGTH) {
            throw new IllegalArgumentException("A host key is 64 hex digits; this one has " + trimmed.length()
                    + " characters.");
        }
        return new HostKey(trimmed.toLowerCase(java.util.Locale.ROOT));
    }

    /** The key of a public key: SHA-256 over its X.509 SubjectPublicKeyInfo encoding. */
    public static HostKey of(PublicKey publicKey) {
        if (!"X.509".equals(publicKey.getFormat())) {
            throw new IllegalArgumentException("not an X.509 public key: " + publicKey.getFormat());
        }
        return new HostKey(HexFormat.of().formatHex(sha256(publicKey.getEncoded())));
    }

    /** The key of the certificate's public key. */
    public static HostKey of(X509Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    /** The 32 bytes of the hash. */
    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The first {@code n} hex digits, for log lines where the whole key would be noise. */
    public String shortHex(int n) {
        return hex.substring(0, Math.min(n, HEX_LENGTH));
    }

    @Override
    public String toString() {
        return hex;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
