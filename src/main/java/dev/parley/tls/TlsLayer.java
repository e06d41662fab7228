package dev.parley.tls;

import tlschannel.NeedsReadException;
import tlschannel.NeedsTaskException;
import tlschannel.NeedsWriteException;
import tlschannel.ServerTlsChannel;
import tlschannel.TlsChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * TLS for one connection on the server's non-blocking NIO loop: reads ciphertext from the channel and
 * yields plaintext, encrypts what the connection writes, and runs the handshake's expensive step (the
 * {@code SSLEngine} delegated task: key exchange and signing the CertificateVerify) on another executor,
 * so a join storm does not stall the room. Measured with {@code TlsHandshakeCost} (warm JIT, loopback,
 * P-256): 1.0–1.1 ms of server CPU a handshake, 0.64–0.67 ms of it in the task; the 0.37–0.44 ms left
 * on the loop covers accept, buffers, the key schedule, the session ticket and the closing.
 *
 * <p>Built on tls-channel 0.10.1 (MIT, 65 KB, no dependencies), which drives the {@code SSLEngine};
 * this class turns its would-block signals into interest ops. Chosen over a hand-written driver because
 * the wrap/unwrap state machine (buffer overflow and underflow, handshake status after every call,
 * close_notify both ways, TLS 1.3 post-handshake messages) is where home-made TLS-on-NIO code goes
 * wrong, and tls-channel has a decade of use and tests behind it; it also releases a connection's
 * buffers while they are empty, which keeps thousands of idle connections small. Its one gap, that
 * it cannot say whether it holds decrypted bytes, is closed here by {@link #hasBufferedInput()}.
 *
 * <p><b>Threads.</b> Everything here is called on the loop thread, except that {@code wake} (given at
 * construction) runs on the task executor's thread when a delegated task has finished: it must hand
 * over to the loop (for example {@code () -> loop.execute(connection::resume)}) and must not touch this
 * object itself. After a wake, or whenever the selector reports the socket ready, the loop calls
 * {@link #read} again if it wants input and {@link #flush}/{@link #write} again if it has output, then
 * registers {@link #interestOps}.
 *
 * <p><b>Rules for the loop</b> (each is a classic TLS-on-NIO hang):
 * <ul>
 *   <li>Decrypted bytes can wait inside the layer where the selector cannot see them: while
 *       {@link #hasBufferedInput()} the loop must come back to {@link #read} without waiting for the
 *       selector (read until it returns 0, or keep the connection on a "ready" list).</li>
 *   <li>During a handshake a read may need the socket to be writable and a write may need it to be
 *       readable: always register {@link #interestOps}, never a fixed {@code OP_READ}.</li>
 *   <li>While a delegated task runs, {@link #interestOps} is 0: registering {@code OP_READ} then would
 *       make a level-triggered selector spin on the unread ClientHello.</li>
 *   <li>A peer that never finishes the handshake costs only its own buffers; the caller closes it at
 *       the hello timeout ({@link #handshakeDone()} tells which kind of silence it was).</li>
 * </ul>
 */
public final class TlsLayer implements AutoCloseable {
    /** What a blocked operation waits for. */
    private enum Wait { NOTHING, READABLE, WRITABLE }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TlsChannel channel;
    private final Executor tasks;
    private final Runnable wake;
    private volatile boolean taskRunning;
    private volatile Throwable taskFailure;
    private Wait readWait = Wait.NOTHING;
    private Wait writeWait = Wait.NOTHING;
    private boolean bufferedInput;
    private boolean handshakeDone;

    /**
     * @param tls the host's TLS context
     * @param raw the connection's channel (a {@link ReplayChannel} over the socket when bytes were sniffed)
     * @param tasks where delegated tasks run (a small pool, never the loop)
     * @param wake called on the task's thread when a task finished; must hand over to the loop
     */
    public TlsLayer(ServerTls tls, ByteChannel raw, Executor tasks, Runnable wake) {
        this.tasks = tasks;
        this.wake = wake;
        this.channel = ServerTlsChannel.newBuilder(raw, tls.context())
                .withEngineFactory(context -> tls.newEngine())
                .withRunTasks(false)
                .withSessionInitCallback(session -> handshakeDone = true)
                .withWaitForCloseConfirmation(false)
                .build();
    }

    /**
     * Reads plaintext into {@code dst}, driving the handshake first if it is not done.
     *
     * @return bytes read; 0 when nothing can be read now (register {@link #interestOps}); -1 at the end
     *     of the stream (the peer's close_notify or a closed socket)
     * @throws IOException when the socket fails or the peer breaks TLS (a failed handshake included)
     */
    public int read(ByteBuffer dst) throws IOException {
        checkTask();
        if (taskRunning) {
            return 0;
        }
        readWait = Wait.NOTHING;
        try {
            int n = channel.read(dst);
            bufferedInput = n > 0;
            return n;
        } catch (NeedsReadException e) {
            readWait = Wait.READABLE;
        } catch (NeedsWriteException e) {
            readWait = Wait.WRITABLE;
        } catch (NeedsTaskException e) {
            startTask(e.getTask());
        }
        bufferedInput = false;
        return 0;
    }

    /**
     * Encrypts and writes as much of {@code src} as the socket takes now. At most one TLS record of
     * ciphertext may stay in the layer when the socket fills up; {@link #flush} sends it later.
     *
     * @return plaintext bytes consumed from {@code src}; fewer than it had means: register {@link #interestOps}
     */
    public int write(ByteBuffer src) throws IOException {
        checkTask();
        if (taskRunning) {
            return 0;
        }
        int before = src.position();
        boolean wasDone = handshakeDone;
        writeWait = Wait.NOTHING;
        try {
            channel.write(src);
        } catch (NeedsReadException e) {
            writeWait = Wait.READABLE;
        } catch (NeedsWriteException e) {
            writeWait = Wait.WRITABLE;
        } catch (NeedsTaskException e) {
            startTask(e.getTask());
        } finally {
            // A write can finish the handshake, reading the client's Finished and whatever came with it
            // (often the first frame): those bytes now wait inside, and the socket is drained.
            if (!wasDone && handshakeDone) {
                bufferedInput = true;
            }
        }
        return src.position() - before;
    }

    /** Writes ciphertext left over from an earlier {@link #write}; {@code true} when none is left. */
    public boolean flush() throws IOException {
        write(EMPTY);
        return writeWait == Wait.NOTHING && !taskRunning;
    }

    /**
     * The selection-key interest this connection needs now.
     *
     * @param wantInput whether the connection wants to read (it normally does)
     * @param haveOutput whether the connection has plaintext waiting to be written
     */
    public int interestOps(boolean wantInput, boolean haveOutput) {
        if (taskRunning) {
            return 0;
        }
        int ops = 0;
        if (wantInput || readWait != Wait.NOTHING) {
            ops |= readWait == Wait.WRITABLE ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        }
        if (haveOutput || writeWait != Wait.NOTHING) {
            ops |= writeWait == Wait.READABLE ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
        }
        return ops;
    }

    /**
     * Whether plaintext may be waiting inside the layer, invisible to the selector: the last
     * {@link #read} returned bytes and did not run out of input, or a {@link #write} finished the
     * handshake (and may have read the first frame with the client's Finished). Read again before waiting.
     */
    public boolean hasBufferedInput() {
        // While a task runs nothing can be read; the task's wake brings the loop back instead.
        return bufferedInput && !taskRunning;
    }

    /** Whether the handshake has completed (application bytes can flow). */
    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether the peer ended TLS politely (close_notify) rather than just dropping the connection. */
    public boolean closeNotifyReceived() {
        return channel.shutdownReceived();
    }

    /** Whether a delegated task is running off the loop (the layer waits for {@code wake}). */
    public boolean taskRunning() {
        return taskRunning;
    }

    /**
     * Sends close_notify, if the socket takes it now: the polite end of a TLS connection, after the
     * last frame was flushed. Does not wait for the peer's; the caller closes the socket afterwards.
     */
    public void shutdown() throws IOException {
        if (taskRunning) {
            return;
        }
        try {
            channel.shutdown();
        } catch (NeedsReadException | NeedsWriteException | NeedsTaskException e) {
            // The socket is full or the handshake never ended: closing without close_notify is all that is left.
        } catch (java.nio.channels.ClosedChannelException e) {
            // TLS already broke (a failed handshake) or was shut: there is nothing polite left to say.
        }
    }

    /**
     * This connection's TLS as a blocking channel, for a connection that leaves the loop to carry a file
     * transfer on a thread of its own, once its socket was made blocking: reads and writes block, and a
     * delegated task the engine asks for (rare after the handshake) runs on the calling thread. What the
     * layer already decrypted, or still holds to send, comes first. Reads and writes may run on two
     * threads at once; closing from a third unblocks neither (close the socket for that).
     */
    public ByteChannel blocking() {
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                while (true) {
                    try {
                        return channel.read(dst);
                    } catch (NeedsTaskException e) {
                        e.getTask().run();
                    }
                }
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                while (true) {
                    try {
                        return channel.write(src);
                    } catch (NeedsTaskException e) {
                        e.getTask().run();
                    }
                }
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Closes the layer and the channel under it (trying close_notify once). */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void startTask(Runnable task) throws IOException {
        if (task == null) {
            throw new IllegalStateException("the TLS engine asked for a task but had none");
        }
        taskRunning = true;
        try {
            tasks.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    taskFailure = e;
                } finally {
                    taskRunning = false;
                    wake.run();
                }
            });
        } catch (RejectedExecutionException e) {
            taskRunning = false;
            throw new IOException("the TLS task executor refused work (the server is stopping)", e);
        }
    }

    private void checkTask() throws IOException {
        Throwable failure = taskFailure;
        if (failure != null) {
            throw new IOException("a TLS handshake task failed: " + failure, failure);
        }
    }
}
