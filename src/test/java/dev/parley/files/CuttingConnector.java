package dev.parley.files;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Transfer connections that break after a number of bytes in one direction, as a network cut
 * would: the socket is closed and the transfer sees an I/O error. Counted from the connection's
 * start, handshake line included.
 */
public record CuttingConnector(TransferConnector inner, long sendLimit, long receiveLimit) implements TransferConnector {
    public static CuttingConnector cutSendingAfter(TransferConnector inner, long bytes) {
        return new CuttingConnector(inner, bytes, Long.MAX_VALUE);
    }

    public static CuttingConnector cutReceivingAfter(TransferConnector inner, long bytes) {
        return new CuttingConnector(inner, Long.MAX_VALUE, bytes);
    }

    @Override
    public TransferStream open() throws IOException {
        TransferStream stream = inner.open();
        return new TransferStream(new CuttingIn(stream), new CuttingOut(stream), stream.connection());
    }

    private final class CuttingOut extends FilterOutputStream {
        private final TransferStream stream;
        private long sent;

        CuttingOut(TransferStream stream) {
            super(stream.out());
            this.stream = stream;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = (int) Math.min(len, sendLimit - sent);
            out.write(b, off, allowed);
            sent += allowed;
            if (allowed < len) {
                out.flush();
                stream.close();
                throw new IOException("cut after " + sent + " bytes sent");
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }
    }

    private final class CuttingIn extends FilterInputStream {
        private final TransferStream stream;
        private long received;

        CuttingIn(TransferStream stream) {
            super(stream.in());
            this.stream = stream;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (received >= receiveLimit) {
                stream.close();
                throw new IOException("cut after " + received + " bytes received");
            }
            int n = in.read(b, off, (int) Math.min(len, receiveLimit - received));
            if (n > 0) {
                received += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }
    }
}
