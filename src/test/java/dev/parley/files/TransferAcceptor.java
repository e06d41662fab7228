package dev.parley.files;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny stand-in for the server's first-line sniffing: accepts on loopback, reads a connection's
 * first line and hands the socket to {@link FileHost#serve} on a virtual thread of its own, as the
 * event loop will once transfers are wired in.
 */
final class TransferAcceptor implements AutoCloseable {
    private final ServerSocket listener;
    private final FileHost host;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TransferAcceptor(FileHost host) throws IOException {
        this.host = host;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("transfer-accept").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    SocketConnector connector() {
        return new SocketConnector(address());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                Thread.ofVirtual().name("transfer").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            TransferStream stream = TransferStream.of(socket);
            host.serve(TransferCodec.readLine(stream.in()), stream);
        } catch (IOException e) {
            // The peer left before its first line; nothing to serve.
        } finally {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
