package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Role;

/**
 * Someone in the room: a name, a role, the session that lets them back in, and the {@link Peer}
 * their events go to. The room knows members, not connections, so a Parley guest and (later) an
 * IRC user are members alike. Immutable; a reconnect makes a new member with the same session.
 *
 * @param key the name as compared for uniqueness ({@link dev.parley.protocol.Limits#nickKey})
 */
record Member(String nick, String key, Role role, String session, Peer peer) {

    Frame.User user() {
        return new Frame.User(nick, role);
    }

    Dialect dialect() {
        return peer.dialect();
    }

    Outbox outbox() {
        return peer.outbox();
    }
}
