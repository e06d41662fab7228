package dev.parley.server;

import dev.parley.tls.ServerTls;

/**
 * TLS on a room server's port: off (plain TCP), required (every connection speaks TLS 1.3; a plaintext
 * {@code hello} gets the one {@code tls_required} line and is closed), or required-but-plaintext-allowed
 * ({@code serve --allow-plaintext}: both on the one port, told apart by the first byte). The desktop host
 * always requires TLS. Immutable; any thread.
 *
 * @param context        the host's TLS context (its identity), or {@code null} for plain TCP
 * @param allowPlaintext whether a plaintext peer is served as well
 */
public record TlsSettings(ServerTls context, boolean allowPlaintext) {

    /** Plain TCP, no TLS at all: what tests and embedders get unless they ask for TLS. */
    public static TlsSettings off() {
        return new TlsSettings(null, true);
    }

    /** TLS 1.3 for every connection; plaintext is refused with {@code tls_required}. */
    public static TlsSettings required(ServerTls context) {
        return new TlsSettings(requireContext(context), false);
    }

    /** TLS 1.3 for peers that start it, plain JSON Lines for the others, on the same port. */
    public static TlsSettings alsoPlaintext(ServerTls context) {
        return new TlsSettings(requireContext(context), true);
    }

    /** Whether the port speaks TLS at all. */
    public boolean enabled() {
        return context != null;
    }

    private static ServerTls requireContext(ServerTls context) {
        if (context == null) {
            throw new IllegalArgumentException("TLS needs the host's TLS context");
        }
        return context;
    }
}
