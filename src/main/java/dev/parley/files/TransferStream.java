package dev.parley.files;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A transfer connection as blocking streams: plain TCP today, TLS later, or whatever the server's
 * transport hands over after reading the handshake line. {@code in} is buffered (lines are read
 * byte by byte from it); {@code connection} closes both directions, also from another thread, which
 * is how cancellation and the idle watch stop a blocked transfer.
 */
public record TransferStream(InputStream in, OutputStream out, Closeable connection) implements Closeable {
    private static final int BUFFER = 64 * 1024;

    /**
     * A stream over what a transport provides. {@code in} must start right after the handshake line
     * on the host (prefix any bytes the server already read past it, e.g. with a
     * {@link java.io.SequenceInputStream}).
     */
    public static TransferStream over(InputStream in, OutputStream out, Closeable connection) {
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER);
        return new TransferStream(buffered, out, connection);
    }

    /** A stream over a connected socket. */
    public static TransferStream of(Socket socket) throws IOException {
        return over(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
