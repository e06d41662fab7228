package dev.parley.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport seam, with transports that behave as a TLS one may: holding input the selector
 * cannot see, and failing inside the loop. The wire is real loopback TCP.
 */
@Timeout(30)
class TransportSeamTest extends RoomFixture {

    /**
     * Reads everything the socket has into a buffer of its own and hands it out a few bytes at a
     * time, as a TLS transport holds decrypted records: the selector sees nothing more.
     */
    static final class HoardingTransport extends Delegating {
        private final ByteBuffer hoard = ByteBuffer.allocate(1 << 20).flip();
        private boolean ended;

        HoardingTransport(SocketChannel channel) {
            super(channel);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            hoard.compact();
            int n = socket.read(hoard);
            hoard.flip();
            if (n < 0) {
                ended = true;
            }
            if (!hoard.hasRemaining()) {
                return ended ? -1 : 0;
            }
            int take = Math.min(7, Math.min(hoard.remaining(), dst.remaining()));
            dst.put(hoard.slice(hoard.position(), take));
            hoard.position(hoard.position() + take);
            return take;
        }

        @Override
        public boolean hasBufferedInput() {
            return hoard.hasRemaining() || ended;
        }
    }

    /** Plain TCP through a class a test can override. */
    static class Delegating implements Transport {
        final PlainTransport socket;

        Delegating(SocketChannel channel) {
            this.socket = new PlainTransport(channel);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return socket.read(dst);
        }

        @Override
        public boolean hasBufferedInput() {
            return false;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return socket.write(src);
        }

        @Override
        public boolean flush() {
            return true;
        }

        @Override
        public int interestOps(int wanted) {
            return wanted;
        }

        @Override
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public SocketAddress remoteAddress() throws IOException {
            return socket.remoteAddress();
        }
    }

    @Test
    void inputHeldByTheTransportIsReadWithoutTheSocketBecomingReadableAgain() {
        server = startWith((channel, context) -> new HoardingTransport(channel));
        // Hello and three messages in one write: after the first read the socket has nothing more
        // to say, and everything else waits inside the transport.
        var alice = connect();
        var out = new StringBuilder(RawPeer.json("type", "hello", "v", 1, "nick", "alice")).append('\n');
        for (int i = 0; i < 3; i++) {
            out.append(RawPeer.json("type", "send", "id", "m" + i, "text", "held " + i)).append('\n');
        }
        alice.sendBytes(out.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(alice.awaitType("welcome").get("you").asString()).isEqualTo("alice");
        for (int i = 0; i < 3; i++) {
            String id = "m" + i;
            assertThat(alice.awaitFrame(f -> RawPeer.isMsg(f, id)).get("text").asString()).isEqualTo("held " + i);
        }
    }

    @Test
    void aTransportThatThrowsDropsOnlyItsOwnConnection() {
        server = startWith((channel, context) -> new Delegating(channel) {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = super.read(dst);
                if (n > 0 && new String(dst.array(), 0, n, StandardCharsets.UTF_8).contains("BOOM")) {
                    throw new IllegalStateException("a bug met by this peer's bytes");
                }
                return n;
            }
        });
        var alice = join("alice");
        var bob = join("bob");
        alice.awaitFrame(f -> "joined".equals(f.path("type").asString()) && "bob".equals(f.path("nick").asString()));

        var mallory = join("mallory");
        mallory.send(RawPeer.json("type", "send", "id", "x", "text", "BOOM"));
        mallory.assertClosed();

        var left = alice.awaitFrame(f -> "left".equals(f.path("type").asString()));
        assertThat(left.get("nick").asString()).isEqualTo("mallory");
        assertThat(left.get("reason").asString()).isEqualTo("error");
        RoomFixture.chat(bob, "after", 3);
        assertThat(alice.awaitFrame(f -> RawPeer.isMsg(f, "after2")).get("from").asString()).isEqualTo("bob");
    }

    private RoomServer startWith(Network network) {
        try {
            return new RoomServer(config(), network).start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
