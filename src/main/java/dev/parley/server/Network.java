package dev.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * How a {@link RoomServer} meets the network: binds its listening socket, accepts, and puts a
 * {@link Transport} under each accepted socket. {@link #plain()} is TCP as it is; a {@link TlsNetwork}
 * returns a TLS transport from {@link #open}, and a test can make accepting fail.
 *
 * <p>{@link #listen} runs on the thread that starts the server; {@link #accept} and {@link #open}
 * on the event loop, so they must not block (the accepted socket is already non-blocking when
 * {@code open} gets it).
 */
public interface Network {

    /** Opens and binds the listening socket. */
    default ServerSocketChannel listen(InetSocketAddress address, int backlog) throws IOException {
        var channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** The next pending connection, or {@code null} when none waits. */
    default SocketChannel accept(ServerSocketChannel server) throws IOException {
        return server.accept();
    }

    /** The transport for a socket just accepted (non-blocking, options set). */
    Transport open(SocketChannel channel, Transport.Context context) throws IOException;

    /** The server stopped: let go of what the network holds (threads for TLS handshakes). */
    default void close() {
    }

    /** Plain TCP. */
    static Network plain() {
        return (channel, context) -> new PlainTransport(channel);
    }

    /** What {@code tls} asks for: plain TCP when TLS is off, else TLS on the port ({@link TlsNetwork}). */
    static Network of(TlsSettings tls) {
        return tls.enabled() ? new TlsNetwork(tls) : plain();
    }
}
