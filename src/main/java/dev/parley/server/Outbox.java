package dev.parley.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One connection's pending output.
 *
 * <p>Frames are shared byte arrays (a broadcast is encoded once for everyone) and are only
 * referenced here until the event loop writes them: {@link #flush} copies as many as fit into the
 * loop's one write buffer and hands that to the socket in a single non-blocking write, so a
 * participant who receives fifty frames between two turns of the loop costs one system call, and
 * a participant who does not read only fills its own queue. Confined to the event loop's thread.
 */
final class Outbox {
    /** Asked to write now, when a frame would otherwise take the queue past its bound. */
    interface Flusher {
        void flushNow();
    }

    private final long limit;
    private final Runnable becameNonEmpty;
    private final Flusher flusher;
    /** Created with the first frame; an idle connection holds none. */
    private ArrayDeque<Pending> queue;
    /** Bytes of the first queued frame already written. */
    private int headWritten;
    /** Bytes of bounded frames not yet written; unbounded ones (the welcome and replay) never count. */
    private long pendingBytes;
    private boolean finishing;
    private boolean dead;

    /**
     * @param limit          the most bytes of bounded frames that may wait
     * @param becameNonEmpty called when the first frame is queued into an empty outbox
     * @param flusher        writes what it can at once (the socket may have room the loop has not used)
     */
    Outbox(long limit, Runnable becameNonEmpty, Flusher flusher) {
        this.limit = limit;
        this.becameNonEmpty = becameNonEmpty;
        this.flusher = flusher;
    }

    /**
     * Queues a frame within the bound.
     *
     * @return {@code false} when the frame would take the pending bytes past the limit even after
     *     writing what the socket takes now: the participant is not reading. Frames offered after
     *     {@link #finish()} are dropped.
     */
    boolean offer(byte[] frame) {
        if (finishing || dead) {
            return true;
        }
        if (pendingBytes + frame.length > limit) {
            flusher.flushNow();
            if (dead) {
                return true;
            }
            if (pendingBytes + frame.length > limit) {
                return false;
            }
        }
        add(frame, true);
        return true;
    }

    /** Queues a frame whatever the bound and without counting it (the replay after {@code welcome}). */
    void offerUnbounded(byte[] frame) {
        if (!finishing && !dead) {
            add(frame, false);
        }
    }

    /** Later offers are dropped; {@link #isFinished()} once what is queued is written. */
    void finish() {
        if (!dead) {
            finishing = true;
        }
    }

    /** Drops everything pending. */
    void kill() {
        dead = true;
        queue = null;
        pendingBytes = 0;
        headWritten = 0;
    }

    boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    /** Whether {@link #finish()} was called and everything before it is written. */
    boolean isFinished() {
        return finishing && isEmpty();
    }

    boolean isFinishing() {
        return finishing;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Writes as much as the socket takes without blocking.
     *
     * @param buffer the loop's write buffer, reused for every connection
     * @return {@code true} when nothing is left; {@code false} when the socket is full
     */
    boolean flush(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (!isEmpty()) {
            buffer.clear();
            fill(buffer);
            buffer.flip();
            int wanted = buffer.remaining();
            int written = channel.write(buffer);
            consume(written);
            if (written < wanted) {
                return false;
            }
        }
        queue = null;
        return true;
    }

    private void add(byte[] frame, boolean bounded) {
        boolean wasEmpty = isEmpty();
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(new Pending(frame, bounded));
        if (bounded) {
            pendingBytes += frame.length;
        }
        if (wasEmpty) {
            becameNonEmpty.run();
        }
    }

    /** Copies queued bytes, from the unwritten part of the first frame on, until the buffer is full. */
    private void fill(ByteBuffer buffer) {
        int skip = headWritten;
        for (Pending p : queue) {
            int length = Math.min(p.bytes().length - skip, buffer.remaining());
            buffer.put(p.bytes(), skip, length);
            skip = 0;
            if (!buffer.hasRemaining()) {
                return;
            }
        }
    }

    /** Drops {@code written} bytes from the front of the queue. */
    private void consume(int written) {
        int left = written;
        while (left > 0) {
            Pending head = queue.peek();
            int rest = head.bytes().length - headWritten;
            if (left < rest) {
                headWritten += left;
                return;
            }
            left -= rest;
            headWritten = 0;
            queue.poll();
            if (head.counted()) {
                pendingBytes -= head.bytes().length;
            }
        }
    }

    /** A queued frame and whether it counts against the bound. */
    private record Pending(byte[] bytes, boolean counted) {
    }
}
