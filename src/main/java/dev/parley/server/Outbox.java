package dev.parley.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection's pending output.
 *
 * <p>Frames are shared byte arrays (a broadcast is encoded once for everyone) and are only
 * referenced here until the event loop writes them: {@link #flush} copies as many as fit into the
 * loop's staging buffer and hands that to the connection's {@link Transport} in one call (for
 * plain TCP, one non-blocking write; a TLS transport encrypts it into its own buffer), so a
 * participant who receives fifty frames between two turns of the loop costs one system call, and
 * a participant who does not read only fills its own queue. Confined to the event loop's thread.
 */
final class Outbox {
    /** The peer that owns the outbox. */
    interface Owner {
        /** A frame was queued; {@code urgent} ones are written this turn, others within a few milliseconds. */
        void queued(boolean urgent);

        /** Write now: a frame would otherwise take the queue past its bound. */
        void flushNow();
    }

    private static final int INITIAL_SLOTS = 8;
    private static final int MAX_KEPT_SLOTS = 64;

    private final long limit;
    private final Owner owner;
    /**
     * The queue: a ring of frames and their lengths (negative for frames that do not count
     * against the bound), so queuing a frame allocates nothing. Created with the first frame,
     * kept while it is small, dropped when a big one empties; an idle connection holds 8 slots.
     */
    private byte[][] frames;
    private int[] lengths;
    private int head;
    private int size;
    /** Bytes of the first queued frame already written. */
    private int headWritten;
    /** Bytes of bounded frames not yet written; unbounded ones (the welcome and replay) never count. */
    private long pendingBytes;
    private boolean finishing;
    private boolean dead;

    /** @param limit the most bytes of bounded frames that may wait */
    Outbox(long limit, Owner owner) {
        this.limit = limit;
        this.owner = owner;
    }

    /**
     * Queues a frame within the bound.
     *
     * @return {@code false} when the frame would take the pending bytes past the limit even after
     *     writing what the socket takes now: the participant is not reading. Frames offered after
     *     {@link #finish()} are dropped.
     */
    boolean offer(byte[] frame) {
        return offer(frame, true);
    }

    /**
     * Like {@link #offer(byte[])} for a frame nobody waits for (presence, typing): it may wait a
     * few milliseconds, so that a join storm's thousands of {@code joined} frames leave a few
     * writes at a time instead of one write each. A later urgent frame takes it along.
     */
    boolean offerSoon(byte[] frame) {
        return offer(frame, false);
    }

    private boolean offer(byte[] frame, boolean urgent) {
        if (finishing || dead) {
            return true;
        }
        if (pendingBytes + frame.length > limit) {
            owner.flushNow();
            if (dead) {
                return true;
            }
            if (pendingBytes + frame.length > limit) {
                return false;
            }
        }
        add(frame, frame.length, true, urgent);
        return true;
    }

    /** Queues a frame whatever the bound and without counting it (the replay after {@code welcome}). */
    void offerUnbounded(byte[] frame) {
        offerUnbounded(frame, frame.length);
    }

    /**
     * Queues the first {@code length} bytes of {@code bytes} like {@link #offerUnbounded(byte[])};
     * the caller promises never to change them (they may be part of an array that only grows).
     */
    void offerUnbounded(byte[] bytes, int length) {
        if (!finishing && !dead && length > 0) {
            add(bytes, length, false, true);
        }
    }

    /** Later offers are dropped; the owner closes once what is queued is written. */
    void finish() {
        if (!dead) {
            finishing = true;
        }
    }

    /** Drops everything pending. */
    void kill() {
        dead = true;
        frames = null;
        lengths = null;
        head = 0;
        size = 0;
        pendingBytes = 0;
        headWritten = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFinishing() {
        return finishing;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Writes as much as the transport takes without blocking.
     *
     * @param buffer the loop's staging buffer, reused for every connection (the transport copies
     *               what it takes)
     * @return {@code true} when nothing is left; {@code false} when the transport is full
     */
    boolean flush(Transport transport, ByteBuffer buffer) throws IOException {
        while (!isEmpty()) {
            buffer.clear();
            fill(buffer);
            buffer.flip();
            int wanted = buffer.remaining();
            int written = transport.write(buffer);
            consume(written);
            if (written < wanted) {
                return false;
            }
        }
        if (frames != null && frames.length > MAX_KEPT_SLOTS) {
            frames = null;
            lengths = null;
            head = 0;
        }
        return true;
    }

    private void add(byte[] bytes, int length, boolean bounded, boolean urgent) {
        if (frames == null) {
            frames = new byte[INITIAL_SLOTS][];
            lengths = new int[INITIAL_SLOTS];
            head = 0;
        } else if (size == frames.length) {
            grow();
        }
        int slot = (head + size) & (frames.length - 1);
        frames[slot] = bytes;
        lengths[slot] = bounded ? length : -length;
        size++;
        if (bounded) {
            pendingBytes += length;
        }
        owner.queued(urgent);
    }

    private void grow() {
        byte[][] moreFrames = new byte[frames.length * 2][];
        int[] moreLengths = new int[frames.length * 2];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (frames.length - 1);
            moreFrames[i] = frames[slot];
            moreLengths[i] = lengths[slot];
        }
        frames = moreFrames;
        lengths = moreLengths;
        head = 0;
    }

    /** Copies queued bytes, from the unwritten part of the first frame on, until the buffer is full. */
    private void fill(ByteBuffer buffer) {
        int skip = headWritten;
        int mask = frames.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & mask;
            int length = Math.min(Math.abs(lengths[slot]) - skip, buffer.remaining());
            buffer.put(frames[slot], skip, length);
            skip = 0;
            if (!buffer.hasRemaining()) {
                return;
            }
        }
    }

    /** Drops {@code written} bytes from the front of the queue. */
    private void consume(int written) {
        int left = written;
        int mask = frames.length - 1;
        while (left > 0) {
            int length = lengths[head];
            int rest = Math.abs(length) - headWritten;
            if (left < rest) {
                headWritten += left;
                return;
            }
            left -= rest;
            headWritten = 0;
            frames[head] = null;
            if (length > 0) {
                pendingBytes -= length;
            }
            head = (head + 1) & mask;
            size--;
        }
    }
}
