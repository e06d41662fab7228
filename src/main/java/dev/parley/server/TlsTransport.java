package dev.parley.server;

import dev.parley.protocol.ErrorCode;
import dev.parley.tls.FirstByte;
import dev.parley.tls.ReplayChannel;
import dev.parley.tls.TlsLayer;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLException;

/**
 * One connection on a TLS port. The first byte the peer sends decides ({@link FirstByte}): a TLS
 * ClientHello goes on through a {@link TlsLayer}; plaintext is refused with {@code tls_required} (a
 * {@link Transport.Refused} the connection answers in clear) or, where {@link TlsSettings#allowPlaintext()},
 * served as plain TCP. The bytes read to decide are replayed ({@link ReplayChannel}), so nothing is lost.
 *
 * <p>The rules of {@link TlsLayer} are kept here: every read that moves the handshake on tells the
 * connection ({@link Transport.Context#changed()}), which writes what waits and asks for
 * {@link #interestOps} again; decrypted input the selector cannot see is reported by
 * {@link #hasBufferedInput()}; and a read that waits for the socket to be writable is tried again after
 * the next flush. Delegated tasks run on the network's executor and come back through the context.
 * After {@link #shutdownOutput()} (close_notify, then FIN) the lingering reads take the raw socket's
 * bytes, which are only counted and dropped. Loop thread only.
 */
final class TlsTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("dev.parley.server");
    /** The most plaintext one TLS record carries (RFC 8446 §5.1). */
    private static final int MAX_RECORD = 16 * 1024;

    /** What the connection turned out to speak. */
    private enum State { FIRST_BYTE, TLS, PLAIN }

    private final SocketChannel channel;
    private final TlsSettings settings;
    private final Executor tasks;
    private final Transport.Context context;
    private State state = State.FIRST_BYTE;
    private TlsLayer layer;
    private ReplayChannel replay;
    private boolean outputShut;
    /** The last read waits for the socket to take bytes (a handshake message to send first). */
    private boolean readWantsWritable;
    /** A flush has happened since such a read: read again without waiting for the selector. */
    private boolean retryRead;

    TlsTransport(SocketChannel channel, TlsSettings settings, Executor tasks, Transport.Context context) {
        this.channel = channel;
        this.settings = settings;
        this.tasks = tasks;
        this.context = context;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return switch (state) {
            case FIRST_BYTE -> firstRead(dst);
            case PLAIN -> channel.read(dst);
            // After close_notify the peer's remaining records are of no use: take them raw.
            case TLS -> outputShut ? channel.read(dst) : readTls(dst);
        };
    }

    private int firstRead(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = channel.read(dst);
        if (n <= 0) {
            return n;
        }
        FirstByte.Kind kind = FirstByte.classify(dst.get(start));
        if (kind == FirstByte.Kind.TLS) {
            ByteBuffer sniffed = dst.duplicate().limit(start + n).position(start);
            replay = new ReplayChannel(sniffed, channel);
            dst.position(start);
            layer = new TlsLayer(settings.context(), replay, tasks, () -> context.execute(context::changed));
            state = State.TLS;
            return readTls(dst);
        }
        state = State.PLAIN;
        if (settings.allowPlaintext()) {
            return n;
        }
        dst.position(start);
        throw new Refused(ErrorCode.TLS_REQUIRED, FirstByte.TLS_REQUIRED_MESSAGE);
    }

    private int readTls(ByteBuffer dst) throws IOException {
        boolean wasDone = layer.handshakeDone();
        retryRead = false;
        int n;
        try {
            n = readRecords(dst);
        } catch (SSLException e) {
            if (!wasDone) {
                LOG.log(System.Logger.Level.INFO, "TLS handshake with {0} failed: {1}", remote(), e.getMessage());
            }
            throw e;
        }
        readWantsWritable = (layer.interestOps(true, false) & SelectionKey.OP_WRITE) != 0;
        if (!wasDone || readWantsWritable || layer.taskRunning()) {
            // The handshake moved (or waits for a task, or for room to write): let the connection
            // write what waits and register what the layer needs now.
            context.changed();
        }
        return n;
    }

    /**
     * Decrypts record after record into {@code dst} until the layer needs the socket again or {@code dst}
     * has no room for another full record. The layer hands out one record a call, and a client that
     * writes each frame on its own sends one record a frame: taking them one a loop turn would let a
     * busy connection fall behind by the turn, where plain TCP takes a whole socket buffer at once. A
     * read that ends because the layer ran dry also leaves nothing buffered, so the loop does not come
     * back for an empty read.
     */
    private int readRecords(ByteBuffer dst) throws IOException {
        int total = 0;
        while (true) {
            int n = layer.read(dst);
            if (n < 0) {
                return total > 0 ? total : -1;
            }
            total += n;
            if (n == 0 || dst.remaining() < MAX_RECORD || layer.taskRunning()) {
                return total;
            }
        }
    }

    @Override
    public boolean hasBufferedInput() {
        return state == State.TLS && !outputShut && !layer.taskRunning()
                && (layer.hasBufferedInput() || replay.hasPrefix() || retryRead);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return switch (state) {
            case PLAIN -> channel.write(src);
            // Only a closing error can come before the first byte (server full, hello timeout): in clear
            // where plaintext is served, else it waits for the handshake.
            case FIRST_BYTE -> settings.allowPlaintext() ? channel.write(src) : 0;
            case TLS -> outputShut ? 0 : layer.write(src);
        };
    }

    @Override
    public boolean flush() throws IOException {
        if (state != State.TLS || outputShut) {
            return true;
        }
        boolean done = layer.flush();
        if (done && readWantsWritable) {
            // What the read had to send is out: the read can go on (only once the socket took it, or it would spin).
            retryRead = true;
        }
        return done;
    }

    @Override
    public int interestOps(int wanted) {
        return switch (state) {
            case PLAIN -> wanted;
            // Output waits for the first byte: watching for room would only spin.
            case FIRST_BYTE -> settings.allowPlaintext() ? wanted : wanted & SelectionKey.OP_READ;
            case TLS -> outputShut ? wanted & SelectionKey.OP_READ
                    : layer.interestOps((wanted & SelectionKey.OP_READ) != 0, (wanted & SelectionKey.OP_WRITE) != 0);
        };
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (state == State.TLS && !outputShut) {
            layer.shutdown();
            outputShut = true;
        }
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        try {
            if (layer != null) {
                layer.close();
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return channel.getRemoteAddress();
    }

    @Override
    public ByteChannel blocking() throws IOException {
        return switch (state) {
            case PLAIN -> channel;
            case TLS -> layer.blocking();
            case FIRST_BYTE -> throw new IOException("no transfer can start before the peer said what it speaks");
        };
    }

    @Override
    public boolean ready() {
        return switch (state) {
            case PLAIN -> true;
            case FIRST_BYTE -> settings.allowPlaintext();
            case TLS -> layer.handshakeDone() && !outputShut;
        };
    }

    private String remote() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "(gone)";
        }
    }
}
