package dev.parley.store;

/**
 * A member's session as the room's database keeps it, so a restarted host still holds names for
 * their owners and recognises their resends. Never the token itself, only hashes of it.
 *
 * @param id             the session's lasting id (the {@code senderKey} of its messages)
 * @param nickKey        the name's comparison key
 * @param nick           the name as last used
 * @param tokenHash      hash of the current token
 * @param previousHash   hash of the token before it while that still works, else {@code null}
 * @param lastSeenMillis when the member was last connected (epoch milliseconds)
 */
public record StoredSession(String id, String nickKey, String nick, byte[] tokenHash, byte[] previousHash,
                            long lastSeenMillis) {
    public StoredSession {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(nickKey, "nickKey");
        java.util.Objects.requireNonNull(nick, "nick");
        java.util.Objects.requireNonNull(tokenHash, "tokenHash");
    }
}
