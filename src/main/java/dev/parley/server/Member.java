package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;

import java.util.Map;

/**
 * Someone in the room: a name, a role, the session that lets them back in, the extensions their
 * connection was granted, and the {@link Peer} their events go to. The room knows members, not
 * connections, so a Parley guest and (later) an IRC user are members alike. Immutable; a reconnect
 * makes a new member with the same session.
 *
 * @param key     the name as compared for uniqueness ({@link dev.parley.protocol.Limits#nickKey})
 * @param session the session's lasting id (never its token): the owner of the member's message ids
 * @param ext     extensions granted, name to version (empty for a version-1 peer)
 * @param outbox  the peer's outbox and {@code dialect} its dialect, both fixed for the peer's life:
 *                kept here so that a broadcast reads them from the member it walks instead of
 *                going through the peer for every delivery (one object less per delivery, found
 *                hot in a CPU profile of the fan-out benchmark; see docs/benchmarks.md)
 */
record Member(String nick, String key, Role role, String session, Map<String, Integer> ext, Peer peer,
              Outbox outbox, Dialect dialect) {

    Member {
        ext = Map.copyOf(ext);
    }

    Member(String nick, String key, Role role, String session, Map<String, Integer> ext, Peer peer) {
        this(nick, key, role, session, ext, peer, peer.outbox(), peer.dialect());
    }

    Frame.User user() {
        return new Frame.User(nick, role);
    }

    /** Whether this member's connection was granted the extension. */
    boolean granted(String extension) {
        return ext.containsKey(extension);
    }
}
