package dev.parley.files;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Plain TCP transfer connections to the chat's host and port. A read that waits longer than
 * {@code readTimeout} (the host silent mid-transfer) fails, so a dead link ends as a broken
 * transfer that can be resumed instead of hanging.
 */
public record SocketConnector(InetSocketAddress host, Duration connectTimeout, Duration readTimeout)
        implements TransferConnector {

    public SocketConnector(InetSocketAddress host) {
        this(host, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    @Override
    public TransferStream open() throws IOException {
        var socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(host, (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return TransferStream.of(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
