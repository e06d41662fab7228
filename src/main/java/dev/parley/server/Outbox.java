package dev.parley.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * One connection's pending output, drained by its own writer.
 *
 * <p>Any thread may {@link #offer} frames; offering never blocks and never touches the socket.
 * A writer (a virtual thread started when the outbox stops being empty, ending when it is empty
 * again) takes everything pending and writes it in one go, outside the lock, so a reader that is
 * slow or gone only ever holds up its own writer. Frames are shared byte arrays and never copied
 * until the writer gathers them.
 */
final class Outbox {
    /** What the owning connection hears from its writer. */
    interface Listener {
        void writeFailed(IOException e);

        /** Everything offered before {@link #finish()} is written. */
        void finished();
    }

    private final OutputStream out;
    private final long limit;
    private final Listener listener;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Bytes of bounded frames not yet written; unbounded ones (the replay) never count. */
    private long pendingBytes;
    private boolean draining;
    private boolean finishing;
    private boolean dead;

    Outbox(OutputStream out, long limit, Listener listener) {
        this.out = out;
        this.limit = limit;
        this.listener = listener;
    }

    /**
     * Queues a frame within the bound.
     *
     * @return {@code false} when the frame would take the pending bytes past the limit: the
     *     participant is not keeping up. Frames offered after {@link #finish()} are dropped.
     */
    boolean offer(byte[] frame) {
        return add(frame, true);
    }

    /** Queues a frame whatever the bound and without counting it (the replay after {@code welcome}). */
    void offerUnbounded(byte[] frame) {
        add(frame, false);
    }

    /** Writes what is pending, then tells the listener; later offers are dropped. */
    void finish() {
        boolean start;
        synchronized (this) {
            if (finishing || dead) {
                return;
            }
            finishing = true;
            start = !draining;
            draining = true;
        }
        if (start) {
            startWriter();
        }
    }

    /** Drops everything pending; the writer stops at its next turn. */
    synchronized void kill() {
        dead = true;
        queue.clear();
        pendingBytes = 0;
    }

    synchronized long pendingBytes() {
        return pendingBytes;
    }

    private boolean add(byte[] frame, boolean bounded) {
        boolean start;
        synchronized (this) {
            if (finishing || dead) {
                return true;
            }
            if (bounded && pendingBytes + frame.length > limit) {
                return false;
            }
            queue.add(new Pending(frame, bounded));
            if (bounded) {
                pendingBytes += frame.length;
            }
            start = !draining;
            draining = true;
        }
        if (start) {
            startWriter();
        }
        return true;
    }

    private void startWriter() {
        Thread.ofVirtual().name("parley-writer").start(this::drain);
    }

    private void drain() {
        while (true) {
            byte[] chunk;
            long counted;
            synchronized (this) {
                if (dead) {
                    draining = false;
                    return;
                }
                if (queue.isEmpty()) {
                    draining = false;
                    if (finishing) {
                        dead = true;
                        break;
                    }
                    return;
                }
                counted = 0;
                for (Pending p : queue) {
                    counted += p.counted() ? p.bytes().length : 0;
                }
                chunk = gather();
            }
            try {
                out.write(chunk);
                out.flush();
            } catch (IOException e) {
                kill();
                synchronized (this) {
                    draining = false;
                }
                listener.writeFailed(e);
                return;
            }
            synchronized (this) {
                pendingBytes -= counted;
            }
        }
        listener.finished();
    }

    /** Everything queued as one array, so the writer makes one system call per turn. */
    private byte[] gather() {
        if (queue.size() == 1) {
            return queue.poll().bytes();
        }
        int total = 0;
        for (Pending p : queue) {
            total += p.bytes().length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (Pending p; (p = queue.poll()) != null; ) {
            System.arraycopy(p.bytes(), 0, all, at, p.bytes().length);
            at += p.bytes().length;
        }
        return all;
    }

    /** A queued frame and whether it counts against the bound. */
    private record Pending(byte[] bytes, boolean counted) {
    }
}
