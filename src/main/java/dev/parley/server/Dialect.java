package dev.parley.server;

import dev.parley.protocol.Frame;

import java.util.Collection;

/**
 * How one kind of member speaks: Parley's JSON Lines ({@link ParleyDialect}) now, IRC later. The
 * room encodes each event once per dialect present, not once per member, and every member of the
 * dialect is queued the same bytes. One instance per room; called under the room's lock on the
 * loop thread.
 */
interface Dialect {
    /** The bytes of a room event as this dialect's members receive it. */
    byte[] encode(LoggedEvent event);

    /** The bytes of a frame meant for one member (pong, ping, an error, bye). */
    byte[] encode(Frame frame);

    /**
     * Queues the welcome for {@code joiner}: the room's facts in {@code welcome} (its
     * {@code users} is empty) and everyone in {@code members}, the joiner included.
     */
    void welcome(Member joiner, Frame.Welcome welcome, Collection<Member> members);

    /** Someone joined the room: the next welcome lists them last. */
    void joined(Member member);

    /** Someone left or was replaced: the next welcome lists the room afresh. */
    void rosterChanged();
}
