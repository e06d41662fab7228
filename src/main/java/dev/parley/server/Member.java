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
 * @param outbox  the peer's outbox, fixed for the peer's life: kept here so that a broadcast reads it
 *                from the member it walks instead of going through the peer for every delivery (one
 *                object less per delivery, found hot in a CPU profile of the fan-out benchmark)
 * @param dialect how the room's events are spelt for this member: its peer's, or a fallback of it for a
 *                member not granted an extension whose events it could not read ({@link FilesFallbackDialect})
 */
record Member(String nick, String key, Role role, String session, Map<String, Integer> ext, Peer peer,
              Outbox outbox, Dialect dialect) {

    Member {
        ext = Map.copyOf(ext);
    }

    Frame.User user() {
        return new Frame.User(nick, role);
    }

    /** A member spoken to in {@code dialect} through its peer's outbox. */
    Member(String nick, String key, Role role, String session, Map<String, Integer> ext, Peer peer, Dialect dialect) {
        this(nick, key, role, session, ext, peer, peer.outbox(), dialect);
    }

    /** A member spoken to in its peer's own dialect. */
    Member(String nick, String key, Role role, String session, Map<String, Integer> ext, Peer peer) {
        this(nick, key, role, session, ext, peer, peer.outbox(), peer.dialect());
    }

    /** Whether this member's connection was granted the extension. */
    boolean granted(String extension) {
        return ext.containsKey(extension);
    }
}
