package dev.parley.tls;

/** What the trust store says about the key a host presented. Immutable; any thread. */
public sealed interface TrustVerdict {
    /** The key is pinned: go on. */
    record Trusted(TrustedHost host) implements TrustVerdict {
    }

    /** Never seen, and nothing else was pinned for this address or room: ask the person. */
    record Unknown(HostKey presented) implements TrustVerdict {
    }

    /** Another key was pinned for this address or room: warn, show both codes, never send hello. */
    record Changed(HostKey pinned, HostKey presented) implements TrustVerdict {
    }
}
