package dev.parley.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A channel that first gives back bytes already read from another (the ones {@link FirstByte} looked at),
 * then reads from it; writes go straight through. Wrap the connection's {@code SocketChannel} in one and
 * hand it to {@link TlsLayer} (or the plaintext reader) so nothing read while sniffing is lost. The
 * selector still watches the socket itself: while {@link #hasPrefix()}, the bytes are here, not there.
 * Confined to one thread (the server's loop).
 */
public final class ReplayChannel implements ByteChannel {
    private final ByteBuffer prefix;
    private final ByteChannel channel;

    /** @param prefix the bytes to give back first, from its position to its limit (copied) */
    public ReplayChannel(ByteBuffer prefix, ByteChannel channel) {
        ByteBuffer copy = ByteBuffer.allocate(prefix.remaining());
        copy.put(prefix.duplicate()).flip();
        this.prefix = copy;
        this.channel = channel;
    }

    /** Whether replayed bytes are still waiting (a selector would not report them). */
    public boolean hasPrefix() {
        return prefix.hasRemaining();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!prefix.hasRemaining()) {
            return channel.read(dst);
        }
        int n = Math.min(prefix.remaining(), dst.remaining());
        ByteBuffer slice = prefix.slice(prefix.position(), n);
        dst.put(slice);
        prefix.position(prefix.position() + n);
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
