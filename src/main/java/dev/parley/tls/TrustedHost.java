package dev.parley.tls;

import java.time.Instant;
import java.util.List;

/**
 * One host key a guest trusts, with what it last knew of it. Immutable; any thread.
 *
 * @param key the pinned key
 * @param room the room name seen last with this key, or {@code null} before the first welcome
 * @param addresses the addresses ({@code host:port}, lower case) this key was last reached at, newest first
 * @param trustedAt when the key was first trusted
 * @param how how it was trusted
 * @param lastSeen when it was last reached
 */
public record TrustedHost(HostKey key, String room, List<String> addresses, Instant trustedAt, TrustSource how,
                          Instant lastSeen) {
    public TrustedHost {
        addresses = List.copyOf(addresses);
    }
}
