package dev.parley.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * Writes one peer's {@link Outbox} through its {@link Transport}: when the loop says (at the end
 * of a turn for frames someone waits for, a few milliseconds later for presence, or when the
 * socket has room), in one call each time, and keeps the socket's interest ops in step with what
 * is left. Loop thread only.
 */
final class PeerWriter implements Outbox.Owner {

    /** What the writer tells the peer it writes for. */
    interface Events {
        /** Writing failed; the peer closes. */
        void writeFailed(IOException cause);

        /** Everything queued is on the wire (and nothing is left in the transport). */
        void drained();
    }

    private final EventLoop loop;
    private final Events events;
    private final Outbox outbox;
    private Transport transport;
    private SelectionKey key;
    private int ops = SelectionKey.OP_READ;
    private IOException failure;
    private boolean stopped;
    /** Queued in the loop's list of writers to run this turn. */
    private boolean flushQueued;
    /** Queued in the loop's list of writers to run within a few milliseconds. */
    private boolean soonQueued;

    /** @param limit the most bytes of bounded frames that may wait ({@link Outbox}) */
    PeerWriter(EventLoop loop, long limit, Events events) {
        this.loop = loop;
        this.events = events;
        this.outbox = new Outbox(limit, this);
    }

    /** Puts the writer on its transport and key; from now on it writes. */
    void attach(Transport t, SelectionKey selectionKey) {
        this.transport = t;
        this.key = selectionKey;
        updateInterest(true);
    }

    Outbox outbox() {
        return outbox;
    }

    /** Writes what the transport takes now; a failure is reported to the peer. */
    void flush() {
        if (stopped || transport == null) {
            return;
        }
        if (failure != null || !tryFlush()) {
            events.writeFailed(failure);
        }
    }

    /** The loop's end-of-turn write, for a writer queued with {@link EventLoop#flushThisTurn}. */
    void flushQueued() {
        flushQueued = false;
        flush();
    }

    /** The loop's write of presence that waited; see {@link EventLoop#flushSoon}. */
    void flushSoon() {
        soonQueued = false;
        flush();
    }

    @Override
    public void queued(boolean urgent) {
        loop.countQueued();
        if (urgent) {
            if (!flushQueued) {
                flushQueued = true;
                loop.flushThisTurn(this);
            }
        } else if (!soonQueued) {
            soonQueued = true;
            loop.flushSoon(this);
        }
    }

    /**
     * The outbox is full: writes what the transport takes now. This runs inside a room event (the
     * room is walking its members), so a failed write only marks the writer; the peer closes on
     * the loop's next flush.
     */
    @Override
    public void flushNow() {
        if (!stopped && transport != null && failure == null && !tryFlush()) {
            outbox.kill();
            queued(true);
        }
    }

    /** Drops what is pending; nothing more is written. */
    void stop() {
        stopped = true;
        outbox.kill();
    }

    /** Writes without blocking; {@code false} if writing failed. */
    private boolean tryFlush() {
        boolean done;
        try {
            done = outbox.flush(transport, loop.writeBuffer()) && transport.flush();
        } catch (IOException e) {
            failure = e;
            return false;
        }
        updateInterest(done);
        if (done) {
            events.drained();
        }
        return true;
    }

    /** Watches the socket for room only while output waits, as the transport translates it. */
    private void updateInterest(boolean done) {
        int wanted = transport.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        if (wanted != ops && key.isValid()) {
            ops = wanted;
            key.interestOps(wanted);
        }
    }
}
