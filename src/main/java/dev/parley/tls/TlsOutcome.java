package dev.parley.tls;

import javax.net.ssl.SSLSocket;

/**
 * How a TLS connect ended. Only {@link Secured} carries a socket; for the others the connection was
 * already closed politely (close_notify) and not one application byte was written. Immutable.
 */
public sealed interface TlsOutcome {
    /** The host proved a key the check accepts: send {@code hello} on {@code socket}. */
    record Secured(SSLSocket socket, HostKey key) implements TlsOutcome {
    }

    /**
     * A key nothing was known about: show {@code HostCode.of(presented)} and ask "Is this the host you
     * meant?". On yes, connect again with {@link KeyCheck.Pinned} (the host gave up on this connection
     * long ago if the person took their time) and trust the key once it is secured.
     */
    record UnknownKey(HostKey presented) implements TlsOutcome {
    }

    /**
     * Another key than the one pinned for this host: show both codes in a warning that defaults to
     * Cancel; never send {@code hello} to it.
     */
    record ChangedKey(HostKey pinned, HostKey presented) implements TlsOutcome {
    }
}
