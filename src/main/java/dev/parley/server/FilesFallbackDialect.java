package dev.parley.server;

import dev.parley.protocol.Frame;

import java.util.Collection;

/**
 * Parley's JSON Lines for a member not granted the {@code files} extension (a version-1 client): every
 * event is the same bytes as in {@link ParleyDialect}, except that a {@code file} event becomes its
 * fallback {@code msg} at the same {@code seq} (docs/protocol.md, "Extensions"), so such a member sees
 * every {@code seq} once and nothing it cannot parse. The room encodes that fallback once per broadcast.
 * The welcome's member list is the Parley dialect's, which this one shares. Loop thread, under the
 * room's lock.
 */
final class FilesFallbackDialect implements Dialect {
    private final Dialect parley;

    FilesFallbackDialect(Dialect parley) {
        this.parley = parley;
    }

    @Override
    public byte[] encode(LoggedEvent event) {
        return event.event() instanceof Frame.FileEvent file ? parley.encode(file.fallback()) : event.wire();
    }

    @Override
    public byte[] encode(Frame frame) {
        return parley.encode(frame);
    }

    @Override
    public void welcome(Member joiner, Frame.Welcome welcome, Collection<Member> members) {
        parley.welcome(joiner, welcome, members);
    }

    @Override
    public void joined(Member member) {
        // The Parley dialect keeps the one member list both dialects' welcomes are made of.
    }

    @Override
    public void rosterChanged() {
        // As above: the Parley dialect hears it.
    }
}
