package dev.parley.client;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameReader;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One connection to a host, over the socket its {@link Dialer} gives: a blocking frame reader for
 * the owner's thread and a writer thread fed by a queue, so that sending never blocks the caller.
 * Any thread may close it.
 */
final class ClientConnection implements AutoCloseable {
    private static final byte[] CLOSE = new byte[0];

    private final FrameCodec codec;
    private final Socket socket;
    private volatile Socket speaking;
    private final Dialer dialer;
    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    private FrameReader reader;
    private volatile boolean closed;

    ClientConnection(FrameCodec codec, Dialer dialer) {
        this.codec = codec;
        this.dialer = dialer;
        this.socket = dialer.socket();
    }

    /** Connects; may be cancelled from another thread with {@link #close()}. */
    void open(ClientConfig config) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.connect(new InetSocketAddress(config.host(), config.port()),
                (int) config.connectTimeout().toMillis());
        Socket s = dialer.secure(socket, config);
        speaking = s;
        if (closed) {
            s.close();
            throw new java.net.SocketException("closed");
        }
        reader = new FrameReader(s.getInputStream(), Limits.MAX_SERVER_FRAME);
        OutputStream out = s.getOutputStream();
        Thread.ofVirtual().name("parley-client-writer").start(() -> writeLoop(out));
    }

    /** Reads the next frame, waiting at most {@code timeoutMillis} (0 = forever); {@code null} at the end. */
    Frame read(int timeoutMillis) throws IOException, ProtocolException {
        speaking.setSoTimeout(timeoutMillis);
        if (!reader.next()) {
            return null;
        }
        return codec.decode(reader.buffer(), reader.lineOffset(), reader.lineLength());
    }

    void send(Frame frame) {
        send(codec.encode(frame));
    }

    void send(byte[] frame) {
        if (!closed) {
            outgoing.add(frame);
        }
    }

    /** Sends this last frame, then closes once it is written. */
    void sendAndClose(Frame frame) {
        send(frame);
        outgoing.add(CLOSE);
    }

    @Override
    public void close() {
        closed = true;
        outgoing.add(CLOSE);
        try {
            Socket s = speaking;
            if (s != null) {
                s.close();
            }
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }

    private void writeLoop(OutputStream out) {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(outgoing.take());
                outgoing.drainTo(batch);
                boolean last = false;
                int total = 0;
                for (byte[] b : batch) {
                    if (b == CLOSE) {
                        last = true;
                        break;
                    }
                    total += b.length;
                }
                byte[] all = new byte[total];
                int at = 0;
                for (byte[] b : batch) {
                    if (b == CLOSE) {
                        break;
                    }
                    System.arraycopy(b, 0, all, at, b.length);
                    at += b.length;
                }
                batch.clear();
                if (total > 0) {
                    out.write(all);
                    out.flush();
                }
                if (last) {
                    close();
                    return;
                }
            }
        } catch (IOException e) {
            close();
        } catch (InterruptedException e) {
            close();
        }
    }
}
