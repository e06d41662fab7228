package dev.parley.protocol;

/**
 * Splits received bytes into frame lines: the one framing rule of both ends. The server's event
 * loop hands it what each read brought; the client's {@link FrameReader} pulls from a stream and
 * feeds it. Same limit, same error text, same line ends on both sides.
 *
 * <p>Lines that arrive whole inside one read are handed over straight from the read buffer; only
 * a line cut by the end of a read is copied, into a buffer that exists while the line is
 * incomplete and is dropped as soon as it is done, so an idle connection holds no buffer at all.
 * The limit: a frame of {@code maxFrame} bytes, newline included, is read, and {@code maxFrame}
 * bytes without a newline are refused. Lines are split on the {@code \n} byte, which never occurs inside a
 * multi-byte UTF-8 character; a trailing {@code \r} is removed and empty lines are skipped.
 */
public final class LineSplitter {
    /** Receives each complete, non-empty line; the bytes are valid only during the call. */
    public interface Sink {
        /** @return {@code false} to stop splitting (the connection is closing) */
        boolean line(byte[] bytes, int offset, int length);
    }

    private static final int INITIAL = 256;

    private final int maxFrame;
    private byte[] partial;
    private int partialLength;

    public LineSplitter(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Hands every complete line in {@code bytes[offset, offset + length)} to the sink and keeps an
     * incomplete last line for the next call. Not thread-safe: one reader per connection.
     *
     * @return where splitting stopped: {@code offset + length} when every byte was taken, or the
     *     index after the line whose sink returned {@code false}
     * @throws ProtocolException {@link ErrorCode#FRAME_TOO_LARGE} once {@code maxFrame} bytes
     *     have arrived without a newline
     */
    public int feed(byte[] bytes, int offset, int length, Sink sink) throws ProtocolException {
        int end = offset + length;
        int at = offset;
        while (at < end) {
            int nl = indexOf(bytes, at, end);
            if (nl < 0) {
                keep(bytes, at, end - at);
                return end;
            }
            boolean more;
            if (partialLength > 0) {
                keep(bytes, at, nl - at);
                more = emit(partial, 0, partialLength, sink);
                release();
            } else {
                more = emit(bytes, at, nl - at, sink);
            }
            at = nl + 1;
            if (!more) {
                return at;
            }
        }
        return end;
    }

    /** Bytes of an incomplete line held now. */
    public int pending() {
        return partialLength;
    }

    private boolean emit(byte[] bytes, int offset, int length, Sink sink) throws ProtocolException {
        if (length >= maxFrame) {
            throw tooLarge();
        }
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        return length == 0 || sink.line(bytes, offset, length);
    }

    private void keep(byte[] bytes, int offset, int length) throws ProtocolException {
        if (length == 0) {
            return;
        }
        int needed = partialLength + length;
        if (needed >= maxFrame) {
            release();
            throw tooLarge();
        }
        if (partial == null || partial.length < needed) {
            int size = Math.max(INITIAL, partial == null ? 0 : partial.length);
            while (size < needed) {
                size *= 2;
            }
            byte[] bigger = new byte[Math.min(size, maxFrame)];
            if (partialLength > 0) {
                System.arraycopy(partial, 0, bigger, 0, partialLength);
            }
            partial = bigger;
        }
        System.arraycopy(bytes, offset, partial, partialLength, length);
        partialLength = needed;
    }

    private void release() {
        partial = null;
        partialLength = 0;
    }

    private ProtocolException tooLarge() {
        return new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                "A frame can be at most " + maxFrame + " bytes long.");
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
