package dev.parley.server;

import dev.parley.protocol.ErrorCode;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * The byte layer under one connection: plain TCP now ({@link PlainTransport}), TLS as another
 * implementation. The connection above it only ever sees plaintext.
 *
 * <p><b>Threads.</b> Every method is called on the server's event-loop thread and must not block:
 * the socket is non-blocking. Work that takes milliseconds of CPU (a TLS handshake's delegated
 * tasks) runs on a thread of the transport's choosing; its result is handed back with
 * {@link Context#execute}, and once the transport can go on it calls {@link Context#changed()} on
 * the loop thread.
 *
 * <p><b>Buffers.</b> {@link #read} fills the connection's read buffer with plaintext (the loop's
 * shared one: the transport must not keep it). A transport that decrypts may hold more plaintext,
 * or more ciphertext, than it returned; the selector cannot see those bytes, so
 * {@link #hasBufferedInput()} tells the loop to call {@link #read} again on its next turn without
 * waiting for the socket. {@link #write} takes plaintext from a staging buffer the loop shares
 * between connections: the transport must copy or encrypt what it takes before returning, into an
 * output buffer of its own if it needs one, and write that out in {@link #flush()}.
 *
 * <p><b>Interest.</b> The connection asks for {@code OP_READ}, plus {@code OP_WRITE} while it has
 * output waiting; {@link #interestOps} turns that into what the socket must be watched for, which
 * during a handshake may be the other way round.
 */
public interface Transport {

    /**
     * Reads plaintext into {@code dst} from its position to its limit.
     *
     * @return bytes read, 0 when none are available now, -1 at the peer's end of stream
     */
    int read(ByteBuffer dst) throws IOException;

    /** Whether bytes already taken from the socket wait to be returned by {@link #read}. */
    boolean hasBufferedInput();

    /**
     * Takes plaintext from {@code src} (advancing its position) without blocking.
     *
     * @return bytes taken; fewer than remaining when the transport cannot take more now
     */
    int write(ByteBuffer src) throws IOException;

    /**
     * Writes what the transport holds of its own output.
     *
     * @return {@code true} when it holds nothing more; {@code false} when the socket is full
     */
    boolean flush() throws IOException;

    /**
     * The operations to watch the socket for, given what the connection wants
     * ({@code OP_READ}, and {@code OP_WRITE} while its output waits).
     */
    int interestOps(int wanted);

    /** Everything is written: end the output direction (TLS: after its close_notify). */
    void shutdownOutput() throws IOException;

    /** Closes the socket at once. */
    void close() throws IOException;

    /** The peer's address, for logs. */
    SocketAddress remoteAddress() throws IOException;

    /**
     * The connection leaves the loop to carry a file transfer on a thread of its own (its first line
     * was a transfer handshake): the loop has let go of the socket and made it blocking. Returns the
     * channel to speak over from now on, plaintext both ways and blocking, starting with what the
     * transport still holds (TLS: decrypted bytes not read yet). Called once, off the loop's selector;
     * a transport that cannot do this throws.
     */
    default ByteChannel blocking() throws IOException {
        throw new IOException("this transport cannot carry a file transfer");
    }

    /**
     * Whether frames written now reach the peer as frames: {@code false} while a TLS handshake has not
     * finished (or, on a TLS-only port, before the peer's first byte said what it speaks). The connection
     * closes such a peer at its hello timeout without an error frame, which it could not read.
     */
    default boolean ready() {
        return true;
    }

    /**
     * {@link #read} refuses the peer for what it sent, such as plaintext on a TLS-only port: the
     * connection answers with {@link #code()} and {@link #getMessage()} as one closing error frame, which
     * the transport writes in a form the peer reads (plaintext, for a plaintext peer), and closes.
     */
    final class Refused extends IOException {
        private final ErrorCode code;

        public Refused(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    /** What a transport may ask of its connection's event loop. */
    interface Context {
        /** Runs {@code task} on the loop thread soon. Any thread may call this. */
        void execute(Runnable task);

        /**
         * The transport's needs changed outside a {@link #write}: a handshake step finished on
         * another thread and was handed back, or a {@link #read} moved the handshake on so that
         * it now wants to write. The connection writes what waits (calling {@link #flush}), asks
         * {@link #interestOps} again, and reads next turn if {@link #hasBufferedInput}. Loop
         * thread only; may be called from inside {@code read}.
         */
        void changed();
    }
}
