package dev.parley.server;

import dev.parley.protocol.EncodedUsers;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;

import java.util.Collection;

/**
 * Parley's own JSON Lines. A room event's bytes are the ones the log keeps (encoded once when it
 * happened); the welcome is the codec's head and tail around a member list kept encoded
 * ({@link EncodedUsers}), so a join costs the same whether ten or ten thousand are in the room.
 */
final class ParleyDialect implements Dialect {
    private final FrameCodec codec;
    private final EncodedUsers users;
    private boolean stale;

    ParleyDialect(FrameCodec codec) {
        this.codec = codec;
        this.users = new EncodedUsers(codec);
    }

    @Override
    public byte[] encode(LoggedEvent event) {
        return event.wire();
    }

    @Override
    public byte[] encode(Frame frame) {
        return codec.encode(frame);
    }

    @Override
    public void welcome(Member joiner, Frame.Welcome welcome, Collection<Member> members) {
        if (stale) {
            users.clear();
            for (Member m : members) {
                users.add(m.user());
            }
            stale = false;
        }
        FrameCodec.WelcomeParts parts = codec.encodeWelcome(welcome);
        Outbox out = joiner.outbox();
        out.offerUnbounded(parts.head());
        out.offerUnbounded(users.bytes(), users.length());
        out.offerUnbounded(parts.tail());
    }

    @Override
    public void joined(Member member) {
        if (!stale) {
            users.add(member.user());
        }
    }

    @Override
    public void rosterChanged() {
        stale = true;
    }
}
