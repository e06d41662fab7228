package dev.parley.server;

/**
 * A member's session as a {@link RoomLog} keeps it across restarts: enough to hold the name for its
 * owner and to recognise their resends, never the token itself.
 *
 * @param id            the session's lasting id: owner of its message ids ({@link ClientId#owner})
 * @param key           the name's key ({@link dev.parley.protocol.Limits#nickKey})
 * @param nick          the name as last used
 * @param tokenHash     SHA-256 of the current token
 * @param previousHash  SHA-256 of the token before it, while the holder has not shown it got the
 *                      current one; else {@code null}
 * @param lastSeenMillis when the member was last connected (epoch milliseconds)
 */
public record SessionRecord(String id, String key, String nick, byte[] tokenHash, byte[] previousHash,
                            long lastSeenMillis) {
}
