package dev.parley.tls;

/** Which host keys {@link TlsConnector} lets a connection go on with. Immutable; any thread. */
public sealed interface KeyCheck {
    /**
     * Only this key: from an invite, {@code join --trust-host-key}, or the key the person just accepted
     * in the prompt (the reconnect after asking). Any other key is a {@link TlsOutcome.ChangedKey}.
     */
    record Pinned(HostKey key) implements KeyCheck {
    }

    /**
     * Whatever the trust store trusts; an unknown key is a {@link TlsOutcome.UnknownKey}, and an unknown
     * key where the store pinned another for this address (or {@code room}, when not {@code null}) is a
     * {@link TlsOutcome.ChangedKey}.
     */
    record Stored(TrustStore store, String room) implements KeyCheck {
    }
}
