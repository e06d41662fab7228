package dev.parley.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * The plain socket under a client's {@code SSLSocket}, noting the first byte the host sent, so that a
 * failed handshake can be explained: <code>{</code> is an older Parley host without TLS, anything but a
 * TLS record is not a Parley host. JSSE reads a layered socket through {@link #getInputStream()}.
 */
final class WatchedSocket extends Socket {
    private volatile int firstByte = -1;
    private InputStream watched;

    /** The first byte received, or -1 before any. */
    int firstByte() {
        return firstByte;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (watched == null) {
            watched = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    note(b);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        note(buffer[offset] & 0xff);
                    }
                    return n;
                }
            };
        }
        return watched;
    }

    private void note(int b) {
        if (firstByte < 0 && b >= 0) {
            firstByte = b;
        }
    }
}
