package dev.parley.testing;

import dev.parley.server.Network;
import dev.parley.server.Transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server {@link Network} that records, per connection, every byte its transport hands up to the
 * protocol: the plaintext that reached the server. Over TLS that is what was sent inside the session, so a
 * test can tell that not one byte (not the {@code hello}, not the password) arrived. Delegates everything
 * else. Recording happens on the server's loop; reading the records is safe from any thread.
 */
public final class RecordingNetwork implements Network {
    private final Network inner;
    private final List<ByteArrayOutputStream> received = new CopyOnWriteArrayList<>();

    public RecordingNetwork(Network inner) {
        this.inner = inner;
    }

    /** Plaintext received per connection, in the order the connections were accepted. */
    public List<String> received() {
        return received.stream().map(b -> {
            synchronized (b) {
                return b.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }).toList();
    }

    /** How many connections were accepted. */
    public int connections() {
        return received.size();
    }

    @Override
    public ServerSocketChannel listen(java.net.InetSocketAddress address, int backlog) throws IOException {
        return inner.listen(address, backlog);
    }

    @Override
    public SocketChannel accept(ServerSocketChannel server) throws IOException {
        return inner.accept(server);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public Transport open(SocketChannel channel, Transport.Context context) throws IOException {
        var record = new ByteArrayOutputStream();
        received.add(record);
        Transport t = inner.open(channel, context);
        return new Transport() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int start = dst.position();
                int n = t.read(dst);
                if (n > 0) {
                    synchronized (record) {
                        record.write(dst.array(), dst.arrayOffset() + start, n);
                    }
                }
                return n;
            }

            @Override
            public boolean hasBufferedInput() {
                return t.hasBufferedInput();
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return t.write(src);
            }

            @Override
            public boolean flush() throws IOException {
                return t.flush();
            }

            @Override
            public int interestOps(int wanted) {
                return t.interestOps(wanted);
            }

            @Override
            public void shutdownOutput() throws IOException {
                t.shutdownOutput();
            }

            @Override
            public void close() throws IOException {
                t.close();
            }

            @Override
            public SocketAddress remoteAddress() throws IOException {
                return t.remoteAddress();
            }

            @Override
            public boolean ready() {
                return t.ready();
            }
        };
    }
}
