package dev.parley.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a host proves itself with: its private key, the self-signed certificate for it, and the
 * {@link HostKey} that names both. Made by {@link HostIdentityStore}; handed to {@link ServerTls}.
 * Immutable; any thread.
 */
public record HostIdentity(HostKey key, X509Certificate certificate, PrivateKey privateKey) {
    public HostIdentity {
        if (!HostKey.of(certificate).equals(key)) {
            throw new IllegalArgumentException("the host key does not name this certificate's public key");
        }
    }

    /** The six words (and numbers) people compare. */
    public HostCode code() {
        return HostCode.of(key);
    }

    /** When the certificate stops being valid; the store renews it well before. */
    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }
}
