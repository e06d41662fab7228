package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.ProtocolException;

import java.nio.channels.SocketChannel;
import java.util.function.LongSupplier;

/**
 * Who gets in, and when: the host's abuse limits ({@link AbuseLimits}) at the two moments they
 * apply. At accept, {@link #admit} lets the {@link AddressGate} close a connection from a banned
 * or crowded address at once. At {@code hello}, {@link #enter} checks what only a newcomer is held
 * to (the room's size, its address's join rate) and the wrong-password delay, and then lets the
 * {@link Room} check the hello itself.
 *
 * <p>Someone the room already knows (the host's own window, or a member coming back with the
 * session the room gave it) is never refused for the room's size or the join rate, and its
 * password is checked without delay: what a stranger did cannot keep a member out. Loop thread
 * only.
 */
final class Admission {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** Longest a hello is kept waiting for a password delay: well under the client's 10 s wait for its welcome. */
    private static final long MAX_HOLD = 5_000_000_000L;

    /** What became of a hello. */
    sealed interface Entry {
        /** Let in; the welcome and replay are queued. */
        record In(Member member) implements Entry {
        }

        /** Kept waiting for its address's password delay: enter again on a later tick. */
        record Waits() implements Entry {
        }

        /** Refused with this closing error; {@code logged} when the log has been told already. */
        record Out(ProtocolException error, boolean logged) implements Entry {
        }
    }

    private final Room room;
    private final ServerConfig config;
    private final LongSupplier clock;
    private final PasswordThrottle passwords;
    private final AddressGate gate;
    private final long maxHold;

    /** @param clock monotonic nanoseconds for bans, delays and budgets ({@link System#nanoTime} but in tests) */
    Admission(Room room, ServerConfig config, LongSupplier clock) {
        this.room = room;
        this.config = config;
        this.clock = clock;
        this.passwords = new PasswordThrottle(config.abuse());
        this.gate = new AddressGate(config.abuse(), clock, passwords);
        this.maxHold = Math.min(MAX_HOLD, config.helloTimeout().toNanos() / 2);
    }

    /** A connection was just accepted: its visit, or {@code null} once it has been closed. */
    AddressGate.Visit admit(SocketChannel channel) {
        return gate.admit(channel);
    }

    /**
     * A connection said {@code hello}: lets it into the room now, keeps it waiting, or refuses it.
     * Call again with the same hello on a later tick while it {@link Entry.Waits}.
     */
    Entry enter(Peer peer, AddressGate.Visit visit, Frame.Hello hello) {
        long now = clock.getAsLong();
        AddressStanding s = visit.standing;
        boolean known = room.knows(hello);
        if (!known && room.size() >= config.maxClients()) {
            return new Entry.Out(new ProtocolException(ErrorCode.SERVER_FULL, "This chat is full; try again later."),
                    false);
        }
        if (!known && !s.joins.canAcquire(now)) {
            if (s.refusedJoins.add(now)) {
                LOG.log(System.Logger.Level.INFO, "{0} joins more than {1} times a minute; refusing its joins for now",
                        s.shown, config.abuse().joinsPerMinute());
            }
            return new Entry.Out(new ProtocolException(ErrorCode.SERVER_FULL, "You have joined too often from "
                    + "your address; try again in " + wholeSeconds(s.joins.nanosUntilToken(now)) + " s."), true);
        }
        boolean guarded = config.password() != null && !known;
        if (guarded) {
            long wait = passwords.waitFor(s, now);
            if (wait > maxHold) {
                return new Entry.Out(new ProtocolException(ErrorCode.SERVER_FULL, "Too many wrong passwords came "
                        + "from your address; try again in " + wholeSeconds(wait) + " s."), true);
            }
            if (wait > 0) {
                return new Entry.Waits();
            }
        }
        try {
            Member member = room.join(peer, hello);
            if (!known) {
                s.joins.tryAcquire(now);
            }
            if (guarded) {
                passwords.right(s, now);
            }
            return new Entry.In(member);
        } catch (ProtocolException e) {
            if (guarded && e.code() == ErrorCode.BAD_PASSWORD) {
                passwords.wrong(s, now);
                return new Entry.Out(e, true);
            }
            if (guarded && e.code() == ErrorCode.NICK_TAKEN) {
                // Names are checked after the password: this one was right.
                passwords.right(s, now);
            }
            return new Entry.Out(e, false);
        }
    }

    /** Once a tick: the gate's summaries and forgetting. */
    void tick() {
        gate.tick();
    }

    /** The abuse clock, for the log budgets of connections. */
    long now() {
        return clock.getAsLong();
    }

    private static long wholeSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
